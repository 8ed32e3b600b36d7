package org.w3id.mevo.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.w3id.mevo.core.MevoException;

/**
 * The benchmark harness's subprocesses (Virtuoso and its loader, apt-get, git clone, server JVMs, ./mevo serve): every
 * run has a time limit, and a stop ends the process tree (the benchmark's counterpart of the tests' support.Processes,
 * with errors as {@link MevoException} instead of test failures).
 */
public final class BenchProcesses {
    private BenchProcesses() {}

    /** A free TCP port on the loopback interface. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new MevoException("no free loopback port: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code cmd} in {@code dir} with {@code env} added to its environment, output discarded; its exit code, or -1
     * if it could not be started or did not finish within {@code timeout} (then it is killed).
     */
    public static int run(List<String> cmd, Path dir, Duration timeout, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(p, Duration.ZERO);
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Runs {@code cmd} in {@code dir} to completion; a failure, a time-out or a missing program is a {@link MevoException}. */
    public static void check(List<String> cmd, Path dir, Duration timeout) {
        String line = String.join(" ", cmd);
        Path log = null;
        try {
            log = Files.createTempFile("mevo-bench", ".log");
            Process p = start(cmd, dir, log);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(p, Duration.ZERO);
                throw new MevoException(line + " did not finish within " + timeout.toSeconds() + " s");
            }
            if (p.exitValue() != 0)
                throw new MevoException(line + " failed (" + p.exitValue() + "): " + Files.readString(log, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new MevoException("cannot run " + line + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MevoException("interrupted: " + line, e);
        } finally {
            if (log != null) log.toFile().delete();
        }
    }

    /** Starts {@code cmd} in {@code dir} (null: the working directory), standard output and error together in {@code log}. */
    public static Process start(List<String> cmd, Path dir, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        if (dir != null) pb.directory(dir.toFile());
        return pb.start();
    }

    /**
     * Stops {@code p} and its descendants: SIGTERM, up to {@code grace} for them to exit (a server checkpoints, a JVM
     * runs its shutdown hooks), then SIGKILL.
     */
    public static void stop(Process p, Duration grace) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
