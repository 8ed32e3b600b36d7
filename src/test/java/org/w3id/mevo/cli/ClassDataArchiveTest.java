package org.w3id.mevo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.mevo.support.Await;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.TestKb;

/**
 * {@code ./mevo serve} as a user starts it (bash, then the JVM) maps the classes of a server start from the
 * class-data archive the script records once per compile (target/cds/mevo.jsa, BENCHMARKS.md "Start-up"); with
 * {@code MEVO_CDS=off} it reads them all from the jars. The JVM's own class-loading log says where each class came
 * from, so the test counts the classes taken from the archive.
 */
class ClassDataArchiveTest {
    @Test
    void serveMapsItsClassesFromTheRecordedArchive(@TempDir Path tmp) throws Exception {
        long fromArchive = classesFromArchive(tmp.resolve("on.log"), "on");
        assertTrue(Files.isRegularFile(TestKb.layout().root().resolve("target/cds/mevo.jsa")), "the archive was recorded");
        assertTrue(fromArchive > 2000, "classes mapped from the application archive: " + fromArchive);
        assertEquals(0, classesFromArchive(tmp.resolve("off.log"), "off"), "MEVO_CDS=off serves without the archive");
    }

    /** Starts ./mevo serve with MEVO_CDS set to {@code cds}, waits for its first answer, stops it, counts. */
    private static long classesFromArchive(Path classLog, String cds) throws Exception {
        Path root = TestKb.layout().root();
        int port = Http.freePort();
        ProcessBuilder pb = new ProcessBuilder(List.of("./mevo", "serve", "--no-build", "--localhost", "--port", Integer.toString(port),
                "--release", root.relativize(TestKb.release()).toString()))
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(classLog.resolveSibling(cds + ".out").toFile());
        Map<String, String> env = pb.environment();
        env.put("MEVO_CDS", cds);
        env.put("MEVO_JAVA_OPTS", "-Xmx768m -Xlog:class+load=info:file=" + classLog);
        Process p = pb.start();
        try {
            Await.until("the first answer of ./mevo serve (MEVO_CDS=" + cds + ")", Duration.ofMinutes(3), () -> {
                if (!p.isAlive()) throw new AssertionError("./mevo serve exited: " + read(classLog.resolveSibling(cds + ".out")));
                try {
                    var r = Http.get("http://127.0.0.1:" + port + "/mevo/sparql?query=" + Http.encode("ASK {}"), "application/sparql-results+json");
                    return r.statusCode() == 200 ? r : null;
                } catch (RuntimeException e) {
                    return null;
                }
            });
        } finally {
            p.toHandle().descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            p.waitFor();
        }
        try (var lines = Files.lines(classLog)) {
            return lines.filter(l -> l.contains("source: shared objects file (top)")).count();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(no output)";
        }
    }
}
