package org.w3id.mevo.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external client program (python3, Rscript) from the project root, without proxies, and collects its output. */
public final class Processes {
    private Processes() {}

    public record Run(int exit, String out, String err) {}

    public static Run run(List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        Path dir = TestKb.layout().root().resolve("target").resolve("client-runs");
        Files.createDirectories(dir);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(TestKb.layout().root().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        for (String v : new String[] {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"}) pb.environment().remove(v);
        pb.environment().put("no_proxy", "127.0.0.1,localhost");
        try {
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("timed out after " + timeoutSeconds + " s: " + cmd + "\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
