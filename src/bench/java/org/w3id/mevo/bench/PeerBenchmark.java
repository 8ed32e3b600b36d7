package org.w3id.mevo.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.ProjectLayout;

/**
 * {@code ./mevo bench --only peers}: MEVO against its peers, same data, same queries, one run. Every server is a
 * process of its own on 127.0.0.1 (so its memory is its own): Virtuoso 7.2 from Debian ({@link VirtuosoPeer}), plain
 * Fuseki 5.6.0 as shipped, plain Fuseki with MEVO's Jetty settings (fuseki-config/jetty-http.xml), MEVO with its
 * result cache off (every request executes its query) and on (as served). All are started first (each alone, timed
 * from process start to the first answer), then a check pass keeps the workload's queries every server answers 200,
 * then each server in turn gets a warm-up and the client levels, while the others sit idle. RSS is read from
 * /proc/PID/status after each level (VmRSS) and as the process's peak (VmHWM).
 *
 * <p>Three workloads: {@code ASK {}} alone (the fixed cost of a request), the example queries as written
 * ({@code examples}), and the same examples with varied constants
 * ({@code unseen}, {@link QueryVariants}): requests that mostly were never sent before, so a result cache does not
 * make the headline.
 */
final class PeerBenchmark {
    /** JVM options of the MEVO and Fuseki server processes; the same default as {@code ./mevo serve}. */
    static final String DEFAULT_SERVER_JAVA_OPTS = "-Xmx768m -XX:+UseSerialGC";

    /** The servers a run can compare, in the order they are measured (the names of {@code --servers}). */
    enum Kind {
        VIRTUOSO("virtuoso", "Virtuoso 7.2 (Debian)", null),
        PLAIN("plain", "plain Fuseki 5.6.0", "/ds/sparql"),
        PLAIN_JETTY("plain-jetty", "plain Fuseki + jetty-http.xml", "/ds/sparql"),
        MEVO_NOCACHE("mevo-nocache", "MEVO cache off", "/mevo/sparql"),
        MEVO("mevo", "MEVO cache on", "/mevo/sparql");

        final String id, label, path;

        Kind(String id, String label, String path) {
            this.id = id;
            this.label = label;
            this.path = path;
        }

        static List<Kind> parse(String list) {
            List<Kind> out = new ArrayList<>();
            for (String p : list.split(",")) {
                Kind k = java.util.Arrays.stream(values()).filter(v -> v.id.equals(p.trim())).findFirst()
                        .orElseThrow(() -> new MevoException("--servers: unknown server '" + p.trim() + "' (known: "
                                + java.util.Arrays.stream(values()).map(v -> v.id).collect(java.util.stream.Collectors.joining(", ")) + ")"));
                if (!out.contains(k)) out.add(k);
            }
            out.sort(java.util.Comparator.naturalOrder());
            return out;
        }
    }

    /** The workloads (names of {@code --workloads}). */
    static final List<String> WORKLOADS = List.of("ask", "examples", "unseen");

    /**
     * @param servers which servers, measured in {@link Kind} order
     * @param workloads some of {@link #WORKLOADS}
     * @param oneAtATime start, measure and stop each server before the next starts (for data too large to serve five
     *                   times at once, e.g. 100k claims); otherwise all are started first and measured in turn
     * @param virtuosoBuffers Virtuoso's NumberOfBuffers (8 KiB pages in memory; Debian's default is 10,000)
     */
    record Options(ProjectLayout layout, Path release, List<Integer> levels, Duration seconds, String serverJavaOpts,
                   List<Kind> servers, List<String> workloads, boolean oneAtATime, int virtuosoBuffers) {
        Options {
            for (String w : workloads)
                if (!WORKLOADS.contains(w)) throw new MevoException("--workloads: unknown workload '" + w + "' (known: " + String.join(", ", WORKLOADS) + ")");
            if (virtuosoBuffers < 1000) throw new MevoException("--virtuoso-buffers must be at least 1000, not " + virtuosoBuffers);
            servers = List.copyOf(servers);
            workloads = WORKLOADS.stream().filter(workloads::contains).toList();
        }

        static Options of(ProjectLayout layout, Path release, List<Integer> levels, Duration seconds) {
            return new Options(layout, release, levels, seconds, defaultServerJavaOpts(), List.of(Kind.values()), WORKLOADS, false, 10_000);
        }

        /** The servers' JVM options unless given: $MEVO_SERVE_JAVA_OPTS, else those of {@code ./mevo serve}. */
        static String defaultServerJavaOpts() {
            return System.getenv().getOrDefault("MEVO_SERVE_JAVA_OPTS", DEFAULT_SERVER_JAVA_OPTS);
        }
    }

    /** One server under test. */
    static final class Server {
        final String name;
        final String endpoint;
        final Process process;
        final double firstAnswerMs;
        /** Stops the server and removes what it left behind (Virtuoso: its database folder). */
        final Runnable stop;
        final Map<String, Measure> byWorkload = new LinkedHashMap<>();
        long peakRssKiB = -1;

        Server(String name, String endpoint, Process process, double firstAnswerMs, Runnable stop) {
            this.name = name;
            this.endpoint = endpoint;
            this.process = process;
            this.firstAnswerMs = firstAnswerMs;
            this.stop = stop;
        }
    }

    /** @param cpuMsPerRequest the server process's CPU time (user + system) during the level, per successful request */
    record LevelResult(int clients, HttpLoad.Outcome outcome, long rssKiB, double cpuMsPerRequest) {}

    record Measure(List<LevelResult> levels, int queries) {}

    record Result(List<Table> tables, int errors) {}

    private final HttpLoad load;
    private final PrintStream progress;

    PeerBenchmark(HttpLoad load, PrintStream progress) {
        this.load = load;
        this.progress = progress;
    }

    Result run(Options o) throws IOException {
        Path tmp = Files.createTempDirectory("mevo-bench-peers");
        List<Server> servers = new ArrayList<>();
        List<Server> running = new ArrayList<>();
        Table excluded = new Table("peers: queries left out of the workload (an error on at least one server"
                + (o.oneAtATime() ? "; one at a time: left out for that server only" : "") + ")", "workload", "query", "server", "answer");
        int errors = 0;
        try {
            QuerySet examples = QuerySet.load(o.layout().queriesDir());
            Map<String, List<QuerySet.Query>> all = new LinkedHashMap<>();
            // the fixed cost of a request: no data touched, a one-line answer (Fuseki 5.6.0's 5 MB output buffer shows here)
            if (o.workloads().contains("ask")) all.put("ask", List.of(new QuerySet.Query("ask-empty", "ASK {}")));
            if (o.workloads().contains("examples")) all.put("examples", examples.queries());
            if (o.workloads().contains("unseen")) all.put("unseen", QueryVariants.of(examples.queries(), o.release(), 20));
            if (o.oneAtATime()) {
                for (Kind k : o.servers()) {
                    Server s = start(k, o, tmp);
                    servers.add(s);
                    running.add(s);
                    for (var w : all.entrySet())
                        errors += measure(s, w.getKey(), common(w.getValue(), List.of(s), excluded, w.getKey()), o);
                    s.peakRssKiB = rss(s.process, "VmHWM");
                    s.stop.run();
                    running.remove(s);
                }
            } else {
                for (Kind k : o.servers()) {
                    Server s = start(k, o, tmp);
                    servers.add(s);
                    running.add(s);
                }
                Map<String, List<QuerySet.Query>> common = new LinkedHashMap<>();
                for (var w : all.entrySet()) common.put(w.getKey(), common(w.getValue(), servers, excluded, w.getKey()));
                for (var w : common.entrySet())
                    for (Server s : servers) errors += measure(s, w.getKey(), w.getValue(), o);
                for (Server s : servers) s.peakRssKiB = rss(s.process, "VmHWM");
            }
            List<Table> tables = new ArrayList<>();
            for (String w : all.keySet()) tables.add(table(w, servers, o.levels()));
            tables.add(summary(servers, o.levels(), all.keySet()));
            if (!excluded.rows().isEmpty()) tables.add(excluded);
            return new Result(tables, errors);
        } finally {
            for (Server s : running) s.stop.run();
            org.w3id.mevo.core.FileTrees.delete(tmp);
        }
    }

    private Server start(Kind k, Options o, Path tmp) throws IOException {
        if (k != Kind.VIRTUOSO) return startJava(k, o, tmp);
        VirtuosoPeer.ensureInstalled(progress);
        VirtuosoPeer v = new VirtuosoPeer(tmp.resolve("virtuoso"), BenchProcesses.freePort(), BenchProcesses.freePort(), o.virtuosoBuffers());
        try {
            progress.println("[mevo] bench peers: Virtuoso: loading " + o.release().resolve("mevo.nq"));
            long t0 = v.start(o.release().resolve(org.w3id.mevo.publish.Release.DATASET_FILE));
            long t1 = BenchServers.awaitFirstAnswer(load.client(), v.endpoint(), Duration.ofSeconds(120));
            return new Server(k.label, v.endpoint(), v.process(), (t1 - t0) / 1e6, v::close);
        } catch (IOException | RuntimeException e) {
            v.close();
            throw e;
        }
    }

    /** Warm-up, then every client level of one workload on one server; returns the failed requests. */
    private int measure(Server s, String workload, List<QuerySet.Query> queries, Options o) {
        List<HttpLoad.Target> targets = queries.stream()
                .map(q -> new HttpLoad.Target(q.name(), HttpLoad.queryUri(s.endpoint, q.text()))).toList();
        progress.println("[mevo] bench peers: " + workload + " (" + targets.size() + " queries) on " + s.name);
        load.warmUp(targets, 8, Duration.ofSeconds(3), Duration.ofSeconds(9), 0.05, Duration.ofSeconds(60));
        List<LevelResult> levels = new ArrayList<>();
        int errors = 0;
        for (int c : o.levels()) {
            long cpu0 = cpuMillis(s.process);
            var out = load.run(targets, new HttpLoad.Limits(c, 1_000_000, o.seconds(), Duration.ofSeconds(60)));
            double cpuPerReq = (cpuMillis(s.process) - cpu0) / (double) Math.max(1, out.ok());
            errors += out.errors();
            levels.add(new LevelResult(c, out, rss(s.process, "VmRSS"), cpuPerReq));
            progress.printf("[mevo]   %2d clients: %8.1f req/s  p50 %6.1f ms  p99 %7.1f ms  errors %d  RSS %d MiB  CPU %.2f ms/req%n",
                    c, out.throughput(), out.summary().p50(), out.summary().p99(), out.errors(),
                    rss(s.process, "VmRSS") / 1024, cpuPerReq);
        }
        s.byWorkload.put(workload, new Measure(levels, targets.size()));
        return errors;
    }

    private Server startJava(Kind k, Options o, Path tmp) throws IOException {
        String name = k.label, kind = k.id, path = k.path;
        int port = BenchProcesses.freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : o.serverJavaOpts().trim().split("\\s+")) if (!a.isEmpty()) cmd.add(a);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchServerMain.class.getName(),
                kind, String.valueOf(port), o.release().toAbsolutePath().toString(), o.layout().root().toAbsolutePath().toString()));
        long t0 = System.nanoTime();
        Process p = BenchProcesses.start(cmd, null, tmp.resolve(kind + ".log"));
        String endpoint = "http://127.0.0.1:" + port + path;
        try {
            long t1 = BenchServers.awaitFirstAnswer(load.client(), endpoint, Duration.ofSeconds(120));
            progress.printf("[mevo] bench peers: %s up, first answer %.0f ms after process start%n", name, (t1 - t0) / 1e6);
            return new Server(name, endpoint, p, (t1 - t0) / 1e6, () -> BenchProcesses.stop(p, Duration.ofSeconds(20)));
        } catch (RuntimeException e) {
            BenchProcesses.stop(p, Duration.ofSeconds(20));
            throw new MevoException(name + " did not start: " + e.getMessage() + " (log: " + Files.readString(tmp.resolve(kind + ".log")) + ")", e);
        }
    }

    /** The queries every server answers with 200; the others are listed in {@code excluded}. */
    private List<QuerySet.Query> common(List<QuerySet.Query> queries, List<Server> servers, Table excluded, String workload) {
        List<QuerySet.Query> ok = new ArrayList<>();
        for (QuerySet.Query q : queries) {
            boolean all = true;
            for (Server s : servers) {
                try {
                    HttpResponse<byte[]> r = load.client().send(HttpLoad.request(HttpLoad.queryUri(s.endpoint, q.text()), Duration.ofSeconds(60)),
                            HttpResponse.BodyHandlers.ofByteArray());
                    if (r.statusCode() != 200) {
                        all = false;
                        excluded.row(workload, q.name(), s.name, "HTTP " + r.statusCode() + " "
                                + new String(r.body(), 0, Math.min(120, r.body().length), StandardCharsets.UTF_8).strip());
                    }
                } catch (IOException e) {
                    all = false;
                    excluded.row(workload, q.name(), s.name, e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MevoException("interrupted", e);
                }
            }
            if (all) ok.add(q);
        }
        return ok;
    }

    private static Table table(String workload, List<Server> servers, List<Integer> levels) {
        Table t = new Table("peers, workload '" + workload + "' (the queries mixed): req/s, latency ms, server RSS after the level",
                "server", "queries", "clients", "requests", "errors", "cache hits", "req/s", "p50", "p99", "RSS MiB", "server CPU ms/req");
        for (Server s : servers) {
            Measure m = s.byWorkload.get(workload);
            if (m == null) continue;
            for (LevelResult l : m.levels())
                t.row(s.name, m.queries(), l.clients(), l.outcome().requests(), l.outcome().errors(), l.outcome().cacheHits(), l.outcome().throughput(),
                        l.outcome().summary().p50(), l.outcome().summary().p99(), l.rssKiB() / 1024, String.format(java.util.Locale.ROOT, "%.2f", l.cpuMsPerRequest()));
        }
        return t;
    }

    private static Table summary(List<Server> servers, List<Integer> levels, java.util.Set<String> workloads) {
        List<String> h = new ArrayList<>(List.of("server", "first answer ms", "peak RSS MiB"));
        for (String w : workloads) for (int c : levels) h.add(w + " x Virtuoso @" + c);
        Table t = new Table("peers: summary (throughput as a multiple of Virtuoso's in the same workload and level; "
                + "first answer = process start to the first answered query)", h.toArray(String[]::new));
        Server v = servers.stream().filter(s -> s.name.startsWith("Virtuoso")).findFirst().orElse(null);
        for (Server s : servers) {
            List<Object> row = new ArrayList<>(List.of(s.name, Table.whole(s.firstAnswerMs), s.peakRssKiB / 1024));
            for (String w : workloads)
                for (int i = 0; i < levels.size(); i++) {
                    Measure m = s.byWorkload.get(w), mv = v == null ? null : v.byWorkload.get(w);
                    row.add(m == null || mv == null ? "-" : Table.ratio(m.levels().get(i).outcome().throughput()
                            / mv.levels().get(i).outcome().throughput())
                            + (m.queries() == mv.queries() ? "" : " (" + m.queries() + " vs " + mv.queries() + " queries)"));
                }
            t.row(row.toArray());
        }
        return t;
    }

    /** A field of /proc/PID/status in KiB (VmRSS now, VmHWM peak), -1 if unreadable. */
    static long rss(Process p, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(p.pid()), "status"), StandardCharsets.UTF_8))
                if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** CPU time (user + system) of a process in ms, from /proc/PID/stat (clock ticks of 10 ms), -1 if unreadable. */
    static long cpuMillis(Process p) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "stat"), StandardCharsets.UTF_8);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // fields 14 and 15 of the whole line
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
