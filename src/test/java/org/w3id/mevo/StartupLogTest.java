package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.TestKb;

/**
 * Clean logs: `mevo serve` (both modes, as a separate JVM with the command line's logging settings) starts, answers a
 * query, a full-text search and an entity page, and its whole log holds no WARN or ERROR line.
 */
class StartupLogTest {

    @Test
    void inMemoryServerLogsNoWarning() throws Exception {
        check(List.of());
    }

    @Test
    void persistentServerLogsNoWarning() throws Exception {
        Path data = Files.createTempDirectory(TestKb.layout().root().resolve("target"), "startup-log-data");
        check(List.of("--persistent", "--data", data.toString()));
    }

    private static void check(List<String> mode) throws Exception {
        Path release = TestKb.release();
        int port = Http.freePort();
        Path log = Files.createTempFile(TestKb.layout().root().resolve("target"), "startup", ".log");
        String cp = TestKb.layout().root().resolve("target").resolve("classes") + java.io.File.pathSeparator
                + System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", cp, "org.w3id.mevo.cli.Main", "serve", "--port", Integer.toString(port), "--localhost",
                "--release", release.toString(), "--no-build"));
        cmd.addAll(mode);
        Process p = new ProcessBuilder(cmd).directory(TestKb.layout().root().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            String base = "http://127.0.0.1:" + port;
            PersistenceTest.awaitServing(p, base, log);
            var text = Http.get(base + "/mevo/sparql?query=" + Http.encode(
                    "PREFIX text: <http://jena.apache.org/text#> SELECT ?s ?lit { (?s ?score ?lit) text:query \"exosome\" } LIMIT 3"), "text/csv");
            assertEquals(200, text.statusCode(), text.body());
            assertTrue(text.body().split("\r?\n").length > 1 && text.body().contains("xosome"), "text search returns stored values: " + text.body());
            assertEquals(200, Http.get(base + "/MEVO_0000102", "text/html").statusCode());
            assertEquals(200, Http.get(base + "/mevo/sparql", "text/turtle").statusCode());
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String all = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(all.contains("[mevo] serve"), "the log is the server's: " + all);
        List<String> bad = all.lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.startsWith("WARN") || l.startsWith("ERROR")).toList();
        assertEquals(List.of(), bad, "start-up log lines at WARN or ERROR:\n" + all);
        Files.deleteIfExists(log);
    }
}
