package org.w3id.mevo.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3id.mevo.core.FileTrees;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.ProjectLayout;

/**
 * {@code ./mevo bench-startup}: the time from typing {@code ./mevo serve} to the first answered query, measured from
 * outside, with the server as a separate process, exactly as a user starts it:
 * <ul>
 *   <li><b>built</b>: in this checkout, whose release is built and current (the JVM starts, loads the release, serves);</li>
 *   <li><b>fresh clone</b> ({@code --fresh-clone}): {@code git clone} of this checkout's committed state into a temporary
 *   folder (a local clone: no network), then {@code ./mevo serve} there, which compiles the pipeline with Maven (from
 *   the local Maven repository), builds the knowledge base, and serves it.</li>
 * </ul>
 * The server gets {@code --localhost} and a free port; the probe query goes to 127.0.0.1 only. The times of
 * milestones in the server's own log (compiled, built, serving) are taken as its lines appear.
 */
public final class ProcessStartupBenchmark {
    public record Options(ProjectLayout layout, int rounds, boolean freshClone, Duration timeout, Path workDir) {}

    /** One start: wall milliseconds from process start to each milestone, and to the first answer. */
    public record Start(String kind, Map<String, Long> milestonesMs, long firstAnswerMs) {}

    /** Log lines that mark a milestone (the first line containing the text), in the order they appear. */
    private static final Map<String, String> MILESTONES = milestones();

    private static Map<String, String> milestones() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("compiled, JVM up, build started", "[mevo] imports");
        m.put("release published", "[mevo] publish");
        m.put("'serve' step done", "[mevo] serve");
        return m;
    }

    private final PrintStream progress;

    public ProcessStartupBenchmark(PrintStream progress) { this.progress = progress; }

    public List<Start> run(Options o) {
        List<Start> out = new ArrayList<>();
        for (int i = 0; i < o.rounds(); i++) {
            progress.println("[mevo] bench-startup: built release, round " + (i + 1) + " of " + o.rounds());
            out.add(start("built", o.layout().root(), o.timeout()));
        }
        if (o.freshClone()) {
            Path clone = o.workDir().resolve("mevo-fresh-clone");
            try {
                progress.println("[mevo] bench-startup: git clone " + o.layout().root() + " -> " + clone);
                long t0 = System.nanoTime();
                BenchProcesses.check(List.of("git", "clone", "--quiet", "--no-hardlinks", o.layout().root().toString(), clone.toString()), o.layout().root(), Duration.ofMinutes(5));
                long cloneMs = (System.nanoTime() - t0) / 1_000_000;
                Start s = start("fresh clone", clone, o.timeout());
                Map<String, Long> m = new LinkedHashMap<>();
                m.put("git clone (local)", cloneMs);
                s.milestonesMs().forEach((k, v) -> m.put(k, v));
                out.add(new Start(s.kind(), m, s.firstAnswerMs()));
            } finally {
                FileTrees.delete(clone);
            }
        }
        return out;
    }

    public Table table(List<Start> starts) {
        Table t = new Table("start-up as a separate process: ./mevo serve --localhost -> first answered query (ms from process start)",
                "start", "milestones (ms)", "first answer (ms)");
        for (Start s : starts) {
            StringBuilder m = new StringBuilder();
            s.milestonesMs().forEach((k, v) -> m.append(m.length() == 0 ? "" : "; ").append(k).append(' ').append(v));
            t.row(s.kind(), m.length() == 0 ? "-" : m.toString(), s.firstAnswerMs());
        }
        return t;
    }

    /** Starts {@code ./mevo serve} in {@code root}, waits for the first answer, stops it; returns the times. */
    private Start start(String kind, Path root, Duration timeout) {
        int port = BenchProcesses.freePort();
        ProcessBuilder pb = new ProcessBuilder(root.resolve("mevo").toString(), "serve", "--localhost", "--port", String.valueOf(port))
                .directory(root.toFile()).redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new MevoException("cannot start " + root.resolve("mevo") + ": " + e.getMessage(), e);
        }
        Map<String, Long> seen = new LinkedHashMap<>();
        List<String> tail = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    synchronized (seen) {
                        for (var e : MILESTONES.entrySet()) if (!seen.containsKey(e.getKey()) && line.contains(e.getValue())) seen.put(e.getKey(), ms);
                        tail.add(line);
                        if (tail.size() > 20) tail.remove(0);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "mevo-startup-log");
        reader.setDaemon(true);
        reader.start();
        try {
            long answered;
            try {
                answered = BenchServers.awaitFirstAnswer(HttpLoad.newClient(), "http://127.0.0.1:" + port + "/mevo/sparql", timeout);
            } catch (MevoException e) {
                synchronized (seen) {
                    throw new MevoException(kind + ": ./mevo serve in " + root + " did not answer: " + e.getMessage()
                            + (p.isAlive() ? "" : " (the process exited with " + p.exitValue() + ")") + "; its last lines:\n  "
                            + String.join("\n  ", tail), e);
                }
            }
            long ms = (answered - t0) / 1_000_000;
            synchronized (seen) {
                Map<String, Long> m = new LinkedHashMap<>();
                for (String k : MILESTONES.keySet()) if (seen.containsKey(k)) m.put(k, seen.get(k));
                progress.println("[mevo] bench-startup: " + kind + ": first answer after " + ms + " ms " + m);
                return new Start(kind, m, ms);
            }
        } finally {
            BenchProcesses.stop(p, Duration.ofSeconds(20));
        }
    }
}
