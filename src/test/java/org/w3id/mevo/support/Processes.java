package org.w3id.mevo.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Subprocesses for the tests: every run has a time limit, and its output is kept for the failure message. */
public final class Processes {
    private Processes() {}

    /** Exit code and the whole standard output and error of a finished process. */
    public record Result(int exit, String out, String err) {}

    /**
     * Runs {@code cmd} in {@code dir} to completion, capturing standard output and error separately (UTF-8).
     * {@code env} may change the child's environment. Fails the test, with the error output, if it takes longer than
     * {@code timeout} (the process is killed). An {@link IOException} means the program could not be started.
     */
    public static Result run(List<String> cmd, Path dir, Duration timeout, Consumer<Map<String, String>> env)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("mevo-test-out", ".txt");
        Path err = Files.createTempFile("mevo-test-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            env.accept(pb.environment());
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s: " + cmd + "\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** {@link #run(List, Path, Duration, Consumer)} with the environment unchanged. */
    public static Result run(List<String> cmd, Path dir, Duration timeout) throws IOException, InterruptedException {
        return run(cmd, dir, timeout, e -> {});
    }

    /**
     * Runs {@code cmd} in {@code dir} to completion with standard output and error together in {@code log}
     * (overwritten), and returns the exit code; fails the test if it takes longer than {@code timeout}.
     */
    public static int runLogged(List<String> cmd, Path dir, Path log, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish within " + describe(timeout));
        }
        return p.exitValue();
    }

    /** Starts {@code cmd} in {@code dir} in the background, standard output and error appended to {@code log}. */
    public static Process startLogged(List<String> cmd, Path dir, Path log) throws IOException {
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static String describe(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    /**
     * Runs a client program ({@code cmd}) in the project root as a user would: UTF-8 output, no HTTP proxy for the
     * loopback server. Fails the test after {@code timeoutSeconds}.
     */
    public static Result run(List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        return run(cmd, TestKb.layout().root(), Duration.ofSeconds(timeoutSeconds), env -> {
            env.put("PYTHONIOENCODING", "utf-8");
            for (String v : new String[] {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"}) env.remove(v);
            env.put("no_proxy", "127.0.0.1,localhost");
        });
    }
}
