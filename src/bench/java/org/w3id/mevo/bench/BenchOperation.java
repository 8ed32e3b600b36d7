package org.w3id.mevo.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.jena.fuseki.main.FusekiServer;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;

/**
 * {@code ./mevo bench}: build, load/start-up, query-latency and overhead benchmarks, one after another in this JVM.
 * Prints every table to stdout and writes them, as TSV blocks, to the output file. Only 127.0.0.1 is contacted;
 * every loop is bounded in count and time. See bench/BENCHMARKS.md.
 */
public final class BenchOperation {
    /** The benchmarks `./mevo bench` can run (--only), in the order they run. */
    public enum Phase { BUILD, STARTUP, QUERIES, OVERHEAD, PEERS;
        static java.util.EnumSet<Phase> parse(String list) {
            java.util.EnumSet<Phase> out = java.util.EnumSet.noneOf(Phase.class);
            for (String p : list.split(",")) {
                try {
                    out.add(Phase.valueOf(p.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new MevoException("--only: unknown benchmark '" + p.trim() + "' (known: build, startup, queries, overhead, peers)");
                }
            }
            return out;
        }
    }

    /**
     * @param releaseDir the built release that load, query and overhead benchmarks serve
     * @param out the TSV file written at the end
     * @param rounds build, load/start-up and overhead rounds
     * @param seconds the time bound of each query level and of each overhead run
     * @param phases which benchmarks run
     * @param levels client counts of the query benchmark
     * @param cachedToo also run the query benchmark with the server's query-result cache on (as served); the
     *                  uncached run (query execution) always runs, and is the one the overhead ratio uses
     */
    public record Options(ProjectLayout layout, Path releaseDir, Path out, int rounds, Duration seconds,
                          java.util.Set<Phase> phases, List<Integer> levels, boolean cachedToo) {
        public Options {
            if (rounds < 1 || rounds > 50) throw new MevoException("--rounds must be between 1 and 50, not " + rounds);
            if (seconds.isNegative() || seconds.isZero() || seconds.toSeconds() > 600)
                throw new MevoException("--seconds must be between 1 and 600, not " + seconds.toSeconds());
            phases = java.util.Set.copyOf(phases);
            levels = List.copyOf(levels);
        }

        public static Options all(ProjectLayout layout, Path releaseDir, Path out, int rounds, Duration seconds) {
            return new Options(layout, releaseDir, out, rounds, seconds, java.util.EnumSet.allOf(Phase.class), List.of(1, 8, 32), true);
        }

        /** Parses --only (comma-separated phases). */
        public Options only(String list) {
            return new Options(layout, releaseDir, out, rounds, seconds, Phase.parse(list), levels, cachedToo);
        }

        public Options levels(List<Integer> clients) {
            return new Options(layout, releaseDir, out, rounds, seconds, phases, clients, cachedToo);
        }
    }

    /** The numbers a reader wants first (NaN where a benchmark did not run). */
    public record Headline(double buildMs, double reasonMs, double peakHeapMiB, double sampledHeapMiB, double loadMs,
                           double startupMs, int topLevel, String worstQuery, double worstP99, double overallP99,
                           double worstP99Cached, double overallP99Cached, double overheadRatio, int errors, int rowMismatches) {}

    public record Result(List<Table> tables, Headline headline) {
        public int errors() { return headline.errors(); }

        /** No HTTP error and the same answers from both servers. */
        public boolean ok() { return headline.errors() == 0 && headline.rowMismatches() == 0; }
    }

    private final StepLog log;
    private final PrintStream out;
    private final PrintStream progress;

    public BenchOperation(StepLog log) { this(log, System.out, System.err); }

    public BenchOperation(StepLog log, PrintStream out, PrintStream progress) {
        this.log = log;
        this.out = out;
        this.progress = progress;
    }

    /**
     * Turns off Fuseki's one-line-per-request log (logger org.apache.jena.fuseki.Fuseki, slf4j-simple) so tens of
     * thousands of requests do not flood the console; server start/stop lines stay. Call before any Fuseki class loads.
     */
    public static void quietRequestLog() {
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.jena.fuseki.Fuseki", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.jena.fuseki.Request", "warn");
    }

    /** The results of the phases that ran (null: not run), collected as {@link #run} goes. */
    private static final class Results {
        BuildBenchmark.Result build;
        LoadBenchmark.Result startup;
        QueryBenchmark.Result latency, cached;
        OverheadBenchmark.Result overhead;
        int peerErrors;
    }

    public Result run(Options o) {
        var step = log.start("bench");
        List<Table> tables = new ArrayList<>();
        Machine machine = Machine.now();
        if (machine.loadAverageAtStart() > Runtime.getRuntime().availableProcessors() / 2.0)
            progress.println("[mevo] bench: WARNING: load average " + machine.loadAverageAtStart()
                    + " at start: other work is running, the numbers will be disturbed");
        HttpLoad load = new HttpLoad(HttpLoad.newClient());
        Results r = new Results();
        if (o.phases().contains(Phase.BUILD)) {
            CpuSnapshot phase = CpuSnapshot.now();
            r.build = new BuildBenchmark(progress).run(BuildBenchmark.Options.of(o.layout(), o.rounds()));
            tables.add(r.build.table());
            machine.othersByPhase().put("build", phase.othersSince());
        }
        if (o.phases().contains(Phase.STARTUP)) {
            CpuSnapshot phase = CpuSnapshot.now();
            r.startup = new LoadBenchmark(progress, load.client()).run(LoadBenchmark.Options.of(o.layout(), o.releaseDir(), o.rounds()));
            tables.add(r.startup.table());
            machine.othersByPhase().put("load/start-up", phase.othersSince());
        }
        if (o.phases().contains(Phase.QUERIES) || o.phases().contains(Phase.OVERHEAD)) runServedQueries(o, load, machine, r);
        for (QueryBenchmark.Result q : java.util.Arrays.asList(r.latency, r.cached)) {
            if (q == null) continue;
            tables.add(q.levelsTable());
            tables.add(q.perQueryTable());
        }
        if (r.overhead != null) tables.add(r.overhead.table());
        if (o.phases().contains(Phase.PEERS)) tables.addAll(runPeers(o, load, machine, r));

        Headline h = headline(o, r);
        tables.add(0, machine.table());
        tables.add(headlineTable(h, o));
        for (Table t : tables) t.print(out);
        writeTables(o.out(), tables);
        step.done("rounds=" + o.rounds() + " seconds=" + o.seconds().toSeconds() + " errors=" + h.errors() + " out=" + o.out());
        return new Result(List.copyOf(tables), h);
    }

    /** MEVO in this JVM: the example queries with the result cache off (and on), and the overhead against plain Fuseki. */
    private void runServedQueries(Options o, HttpLoad load, Machine machine, Results r) {
        QuerySet queries = QuerySet.load(o.layout().queriesDir());
        FusekiServer mevo = null;
        try {
            mevo = BenchServers.startMevo(o.layout(), o.releaseDir(), false, new StepLog(progress));
            String endpoint = BenchServers.mevoEndpoint(mevo);
            BenchServers.awaitFirstAnswer(load.client(), endpoint, Duration.ofSeconds(120));
            if (o.phases().contains(Phase.QUERIES)) {
                CpuSnapshot phase = CpuSnapshot.now();
                r.latency = new QueryBenchmark(load, progress).run(queries.targets(endpoint),
                        QueryBenchmark.Options.of("result cache off: every request executes its query", o.levels(), o.seconds()));
                machine.othersByPhase().put("queries, cache off", phase.othersSince());
            }
            if (o.phases().contains(Phase.OVERHEAD)) {
                CpuSnapshot phase = CpuSnapshot.now();
                r.overhead = new OverheadBenchmark(load, progress).run(endpoint, queries,
                        OverheadBenchmark.Options.of(o.releaseDir(), o.rounds(), o.seconds()));
                machine.othersByPhase().put("overhead", phase.othersSince());
            }
        } finally {
            BenchServers.stop(mevo);
        }
        if (!o.phases().contains(Phase.QUERIES) || !o.cachedToo()) return;
        try {
            mevo = BenchServers.startMevo(o.layout(), o.releaseDir(), true, new StepLog(progress));
            String endpoint = BenchServers.mevoEndpoint(mevo);
            BenchServers.awaitFirstAnswer(load.client(), endpoint, Duration.ofSeconds(120));
            CpuSnapshot phase = CpuSnapshot.now();
            r.cached = new QueryBenchmark(load, progress).run(queries.targets(endpoint),
                    QueryBenchmark.Options.of("result cache on, as served: repeated example queries", o.levels(), o.seconds()));
            machine.othersByPhase().put("queries, cache on", phase.othersSince());
        } finally {
            BenchServers.stop(mevo);
        }
    }

    /** Virtuoso, plain Fuseki and MEVO as separate processes, side by side in this run. */
    private List<Table> runPeers(Options o, HttpLoad load, Machine machine, Results r) {
        CpuSnapshot phase = CpuSnapshot.now();
        try {
            var peers = new PeerBenchmark(load, progress).run(PeerBenchmark.Options.of(o.layout(), o.releaseDir(), o.levels(), o.seconds()));
            r.peerErrors = peers.errors();
            return peers.tables();
        } catch (IOException e) {
            throw new MevoException("peer benchmark: " + e.getMessage(), e);
        } finally {
            machine.othersByPhase().put("peers", phase.othersSince());
        }
    }

    private static Headline headline(Options o, Results r) {
        int top = o.levels().stream().mapToInt(Integer::intValue).max().orElse(0);
        var build = r.build;
        var startup = r.startup;
        var latency = r.latency;
        var cached = r.cached;
        var overhead = r.overhead;
        int worst = latency == null ? -1 : latency.worstP99(top);
        return new Headline(
                build == null ? Double.NaN : build.medianWallMs(), build == null ? Double.NaN : build.medianReasonMs(),
                build == null ? Double.NaN : build.medianPoolPeakMiB(), build == null ? Double.NaN : build.medianSampledPeakMiB(),
                startup == null ? Double.NaN : startup.medianLoadMs(), startup == null ? Double.NaN : startup.medianStartupMs(),
                top, worst < 0 ? "-" : latency.targets().get(worst).name(),
                worst < 0 ? Double.NaN : latency.level(top).outcome().summary(worst).p99(),
                latency == null ? Double.NaN : latency.level(top).outcome().summary().p99(),
                cached == null ? Double.NaN : maxP99(cached, top),
                cached == null ? Double.NaN : cached.level(top).outcome().summary().p99(),
                overhead == null ? Double.NaN : overhead.ratio(),
                (latency == null ? 0 : latency.errors()) + (cached == null ? 0 : cached.errors()) + (overhead == null ? 0 : overhead.errors()) + r.peerErrors,
                overhead == null ? 0 : overhead.rowMismatches());
    }

    private static double maxP99(QueryBenchmark.Result r, int clients) {
        int w = r.worstP99(clients);
        return w < 0 ? Double.NaN : r.level(clients).outcome().summary(w).p99();
    }

    private static Table headlineTable(Headline h, Options o) {
        Table t = new Table("headline (medians over " + o.rounds() + " round(s); latency at " + h.topLevel() + " clients)", "metric", "value", "unit");
        t.row("build (whole pipeline)", h.buildMs(), "ms");
        t.row("reasoning (HermiT step)", h.reasonMs(), "ms");
        t.row("peak heap during build (sum of heap-pool peaks)", h.peakHeapMiB(), "MiB");
        t.row("peak heap during build (sampled heap in use)", h.sampledHeapMiB(), "MiB");
        t.row("load mevo.nq into the served dataset", h.loadMs(), "ms");
        t.row("start-up: start() -> first answered query", h.startupMs(), "ms");
        t.row("cache off: p99 at " + h.topLevel() + " clients, worst query (" + h.worstQuery() + ")", h.worstP99(), "ms");
        t.row("cache off: p99 at " + h.topLevel() + " clients, all queries", h.overallP99(), "ms");
        t.row("cache on: p99 at " + h.topLevel() + " clients, worst query", h.worstP99Cached(), "ms");
        t.row("cache on: p99 at " + h.topLevel() + " clients, all queries", h.overallP99Cached(), "ms");
        t.row("throughput ratio MEVO (cache off) / plain Fuseki (8 clients)", Table.ratio(h.overheadRatio()), "ratio");
        t.row("HTTP errors (must be 0)", h.errors(), "count");
        t.row("row-count differences MEVO vs plain (must be 0)", h.rowMismatches(), "count");
        return t;
    }

    /** Writes tables as TSV blocks (see Table#tsv), separated by blank lines. */
    public static void writeTables(Path file, List<Table> tables) {
        String tsv = tables.stream().map(Table::tsv).collect(Collectors.joining("\n"));
        try {
            Path abs = file.toAbsolutePath();
            if (abs.getParent() != null) Files.createDirectories(abs.getParent());
            Files.writeString(abs, tsv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MevoException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * How busy the machine was with other work: CPU time of all processes (Linux /proc/stat, USER_HZ 100) minus this
     * JVM's own CPU time, between two snapshots.
     */
    record CpuSnapshot(long busyTicks, long ownCpuNanos, long nanos) {
        static CpuSnapshot now() { return new CpuSnapshot(readBusyTicks(), readOwnCpuNanos(), System.nanoTime()); }

        /** Busy CPU ticks of the whole machine since boot (user+nice+system+irq+softirq+steal), -1 if unknown. */
        private static long readBusyTicks() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.UTF_8).get(0).trim().split("\\s+");
                if (!f[0].equals("cpu")) return -1;
                long busy = 0;
                for (int i : new int[] {1, 2, 3, 6, 7, 8}) if (i < f.length) busy += Long.parseLong(f[i]);
                return busy;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        private static long readOwnCpuNanos() {
            return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean sun
                    ? sun.getProcessCpuTime() : -1;
        }

        /** "N CPU-s of M (P %)": CPU other processes used since this snapshot, out of the machine's capacity. */
        String othersSince() {
            CpuSnapshot end = now();
            if (busyTicks < 0 || end.busyTicks < 0 || ownCpuNanos < 0 || end.ownCpuNanos < 0) return "unknown";
            double wall = (end.nanos - nanos) / 1e9;
            double others = Math.max(0, (end.busyTicks - busyTicks) / 100.0 - (end.ownCpuNanos - ownCpuNanos) / 1e9);
            double capacity = wall * Runtime.getRuntime().availableProcessors();
            return String.format(Locale.ROOT, "%.0f CPU-s of %.0f (%.0f %%)", others, capacity, 100 * others / capacity);
        }
    }

    /** What the numbers were measured on, read at run time, and how much other work ran beside each benchmark. */
    record Machine(Instant started, double loadAverageAtStart, CpuSnapshot cpuAtStart, Map<String, String> othersByPhase) {
        static Machine now() {
            return new Machine(Instant.now().truncatedTo(ChronoUnit.SECONDS), loadAverage(), CpuSnapshot.now(), new LinkedHashMap<>());
        }

        static double loadAverage() { return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(); }

        Table table() {
            Table t = new Table("machine (read at run time)", "what", "value");
            t.row("run started (UTC)", started.toString());
            t.row("processors available to the JVM", Runtime.getRuntime().availableProcessors());
            t.row("CPU", cpuModel());
            var os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun)
                t.row("physical memory", String.format(Locale.ROOT, "%.1f GiB", sun.getTotalMemorySize() / (1024.0 * 1024 * 1024)));
            t.row("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
            t.row("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
            t.row("max heap (-Xmx)", String.format(Locale.ROOT, "%.0f MiB", Runtime.getRuntime().maxMemory() / (1024.0 * 1024)));
            t.row("garbage collectors", ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", ")));
            t.row("JVM arguments", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
            t.row("load average (1 min) at start / at end (end includes this run)",
                    String.format(Locale.ROOT, "%.2f / %.2f", loadAverageAtStart, loadAverage()));
            t.row("CPU used by OTHER processes, whole run", cpuAtStart.othersSince());
            othersByPhase.forEach((phase, v) -> t.row("CPU used by OTHER processes during " + phase, v));
            return t;
        }

        private static String cpuModel() {
            Path cpuinfo = Path.of("/proc/cpuinfo");
            if (!Files.isReadable(cpuinfo)) return System.getProperty("os.arch");
            try {
                return Files.readAllLines(cpuinfo, StandardCharsets.UTF_8).stream().filter(s -> s.startsWith("model name"))
                        .map(s -> s.substring(s.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }
    }
}
