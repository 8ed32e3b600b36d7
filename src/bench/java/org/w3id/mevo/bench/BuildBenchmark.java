package org.w3id.mevo.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.w3id.mevo.Pipeline;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;

/**
 * Build benchmark: the whole pipeline, {@code rounds} times, each into a fresh temporary folder. Each round records
 * the wall time of every step (from {@link StepLog}'s own timing, through its listener), the wall time of
 * {@link Pipeline#build}, the peak heap (heap pool peaks reset after a GC before the build; and the heap in use,
 * sampled) and the garbage collector's time.
 */
public final class BuildBenchmark {
    /** @param sampleEvery how often the heap in use is sampled during a build */
    public record Options(ProjectLayout layout, int rounds, Duration sampleEvery, Duration maxBuild) {
        public static Options of(ProjectLayout layout, int rounds) {
            return new Options(layout, rounds, Duration.ofMillis(10), Duration.ofMinutes(30));
        }
    }

    /**
     * @param poolPeakBytes sum over heap pools of their peak use (an upper bound: pools peak at different moments)
     * @param sampledPeakBytes highest heap in use seen by the sampler (a lower bound)
     */
    public record Round(Map<String, Long> stepMs, long wallMs, long reasonMs, long poolPeakBytes, long sampledPeakBytes,
                        long gcMs, long gcCount) {}

    public record Result(List<Round> rounds) {
        public double median(ToDoubleFunction<Round> f) { return Stats.median(rounds, f); }

        public double medianWallMs() { return median(Round::wallMs); }

        /** HermiT's share of the build: the "reason" step. */
        public double medianReasonMs() { return median(r -> r.stepMs().getOrDefault("reason", 0L)); }

        public double medianPoolPeakMiB() { return median(r -> mib(r.poolPeakBytes())); }

        public double medianSampledPeakMiB() { return median(r -> mib(r.sampledPeakBytes())); }

        public Table table() {
            Table t = new Table("build: pipeline steps, " + rounds.size() + " round(s) into a temp folder (ms unless stated)",
                    "step", "median", "min", "max", "per round");
            Set<String> steps = new LinkedHashSet<>();
            for (Round r : rounds) steps.addAll(r.stepMs().keySet());
            for (String s : steps) t.roundsRow(s, rounds, r -> r.stepMs().getOrDefault(s, 0L));
            t.roundsRow("(not in a step line)", rounds, r -> r.wallMs() - r.stepMs().values().stream().mapToLong(Long::longValue).sum());
            t.roundsRow("BUILD TOTAL (Pipeline.build wall)", rounds, Round::wallMs);
            t.roundsRow("GC time", rounds, Round::gcMs);
            t.roundsRow("GC count", rounds, Round::gcCount);
            t.roundsRow("peak heap MiB (sum of heap-pool peaks)", rounds, r -> mib(r.poolPeakBytes()));
            t.roundsRow("peak heap MiB (heap in use, sampled)", rounds, r -> mib(r.sampledPeakBytes()));
            return t;
        }

    }

    static double mib(long bytes) { return bytes / (1024.0 * 1024.0); }

    private final PrintStream progress;

    /** @param progress where the pipeline's own step lines go while the benchmark runs */
    public BuildBenchmark(PrintStream progress) { this.progress = progress; }

    public Result run(Options o) {
        List<Round> rounds = new ArrayList<>();
        for (int i = 1; i <= o.rounds(); i++) {
            progress.println("[mevo] bench: build round " + i + "/" + o.rounds());
            rounds.add(round(o));
        }
        return new Result(List.copyOf(rounds));
    }

    private Round round(Options o) {
        Path dir;
        try {
            dir = Files.createTempDirectory("mevo-bench-build-");
        } catch (IOException e) {
            throw new MevoException("cannot create a temp folder for the build benchmark: " + e.getMessage(), e);
        }
        Map<String, Long> steps = new LinkedHashMap<>();
        StepLog log = new StepLog(progress, (name, ms, counts) -> steps.merge(name, ms, Long::sum));
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
        try {
            System.gc();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long[] gc0 = gc();
            HeapSampler sampler = new HeapSampler(o.sampleEvery(), o.maxBuild());
            sampler.start();
            long t0 = System.nanoTime();
            Pipeline.Summary s;
            try {
                s = new Pipeline(log).build(new Pipeline.Options(o.layout(), dir.resolve("release")));
            } finally {
                sampler.finish();
            }
            long wallMs = (System.nanoTime() - t0) / 1_000_000;
            long[] gc1 = gc();
            long poolPeak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            return new Round(ordered(steps), wallMs, s.reasonMs(), poolPeak, sampler.peak(), gc1[0] - gc0[0], gc1[1] - gc0[1]);
        } finally {
            org.w3id.mevo.core.FileTrees.delete(dir);
        }
    }

    private static Map<String, Long> ordered(Map<String, Long> steps) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }

    /** {total GC time ms, total collections} over all collectors. */
    private static long[] gc() {
        long ms = 0, n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, b.getCollectionTime());
            n += Math.max(0, b.getCollectionCount());
        }
        return new long[] {ms, n};
    }

    /** Samples the heap in use every {@code every} until finished (or {@code max} elapsed, whichever first). */
    private static final class HeapSampler extends Thread {
        private final long everyMs;
        private final long deadline;
        private volatile boolean finished;
        private volatile long peak;

        HeapSampler(Duration every, Duration max) {
            super("mevo-bench-heap-sampler");
            setDaemon(true);
            this.everyMs = Math.max(1, every.toMillis());
            this.deadline = System.nanoTime() + max.toNanos();
        }

        @Override
        public void run() {
            var memory = ManagementFactory.getMemoryMXBean();
            while (!finished && System.nanoTime() < deadline) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(everyMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void finish() {
            finished = true;
            interrupt();
            try {
                join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        long peak() { return peak; }
    }
}
