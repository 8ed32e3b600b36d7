package org.w3id.mevo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.bench.BenchOperation;
import org.w3id.mevo.support.TestKb;

/**
 * The benchmark harness is not part of the served code: its classes compile from src/bench/java into the test output,
 * and nothing in src/main/java refers to them.
 */
@Tag("fast")
class BenchOutOfMainTest {
    static Path classesDir(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void benchClassesAreNotInTheMainOutput() throws Exception {
        Path main = classesDir(Main.class);
        assertTrue(Files.isDirectory(main.resolve("org/w3id/mevo/cli")), "the main output: " + main);
        assertFalse(Files.exists(main.resolve("org/w3id/mevo/bench")),
                main + " holds org/w3id/mevo/bench: the benchmark harness leaked into the served classes (run mvn clean if stale)");
        Path bench = classesDir(BenchOperation.class);
        assertFalse(bench.equals(main), "BenchOperation is loaded from " + bench + ", not from the main output");
        assertTrue(bench.endsWith("test-classes"), "BenchOperation comes from the test output: " + bench);
    }

    @Test
    void mainSourcesDoNotUseTheBenchPackage() throws IOException {
        Path src = TestKb.layout().root().resolve("src/main/java");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(src)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readString(p).contains("org.w3id.mevo.bench");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).map(p -> src.relativize(p).toString()).toList();
        }
        assertEquals(List.of(), offenders, "src/main/java files that refer to org.w3id.mevo.bench");
        assertFalse(Files.exists(src.resolve("org/w3id/mevo/bench")), "no bench package in src/main/java");
    }
}
