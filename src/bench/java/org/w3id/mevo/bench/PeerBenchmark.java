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
    static final String DEFAULT_SERVER_JAVA_OPTS = "-Xmx768m";

    record Options(ProjectLayout layout, Path release, List<Integer> levels, Duration seconds, String serverJavaOpts,
                   boolean virtuoso, boolean unseen) {
        static Options of(ProjectLayout layout, Path release, List<Integer> levels, Duration seconds) {
            String opts = System.getenv().getOrDefault("MEVO_SERVE_JAVA_OPTS", DEFAULT_SERVER_JAVA_OPTS);
            return new Options(layout, release, levels, seconds, opts, true, true);
        }
    }

    /** One server under test. */
    static final class Server {
        final String name;
        final String endpoint;
        final Process process;
        final double firstAnswerMs;
        final Map<String, Measure> byWorkload = new LinkedHashMap<>();

        Server(String name, String endpoint, Process process, double firstAnswerMs) {
            this.name = name;
            this.endpoint = endpoint;
            this.process = process;
            this.firstAnswerMs = firstAnswerMs;
        }
    }

    /** @param cpuMsPerRequest the server process's CPU time (user + system) during the level, per successful request */
    record LevelResult(int clients, HttpLoad.Outcome outcome, long rssKiB, double cpuMsPerRequest) {}

    record Measure(List<LevelResult> levels) {}

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
        VirtuosoPeer virtuoso = null;
        try {
            if (o.virtuoso()) {
                VirtuosoPeer.ensureInstalled(progress);
                virtuoso = new VirtuosoPeer(tmp.resolve("virtuoso"), BenchProcesses.freePort(), BenchProcesses.freePort());
                progress.println("[mevo] bench peers: Virtuoso: loading " + o.release().resolve("mevo.nq"));
                long t0 = virtuoso.start(o.release().resolve(org.w3id.mevo.publish.Release.DATASET_FILE));
                long t1 = BenchServers.awaitFirstAnswer(load.client(), virtuoso.endpoint(), Duration.ofSeconds(120));
                servers.add(new Server("Virtuoso 7.2 (Debian)", virtuoso.endpoint(), virtuoso.process(), (t1 - t0) / 1e6));
            }
            servers.add(startJava("plain Fuseki 5.6.0", "plain", "/ds/sparql", o, tmp));
            servers.add(startJava("plain Fuseki + jetty-http.xml", "plain-jetty", "/ds/sparql", o, tmp));
            servers.add(startJava("MEVO cache off", "mevo-nocache", "/mevo/sparql", o, tmp));
            servers.add(startJava("MEVO cache on", "mevo", "/mevo/sparql", o, tmp));

            QuerySet examples = QuerySet.load(o.layout().queriesDir());
            List<Table> tables = new ArrayList<>();
            Map<String, List<QuerySet.Query>> workloads = new LinkedHashMap<>();
            Table excluded = new Table("peers: queries left out of the workload (an error on at least one server)", "workload", "query", "server", "answer");
            // the fixed cost of a request: no data touched, a one-line answer (Fuseki 5.6.0's 5 MB output buffer shows here)
            workloads.put("ask", common(List.of(new QuerySet.Query("ask-empty", "ASK {}")), servers, excluded, "ask"));
            workloads.put("examples", common(examples.queries(), servers, excluded, "examples"));
            if (o.unseen()) {
                List<QuerySet.Query> variants = QueryVariants.of(examples.queries(), o.release(), 20);
                workloads.put("unseen", common(variants, servers, excluded, "unseen"));
            }
            int errors = 0;
            for (var w : workloads.entrySet()) {
                for (Server s : servers) {
                    List<HttpLoad.Target> targets = w.getValue().stream()
                            .map(q -> new HttpLoad.Target(q.name(), HttpLoad.queryUri(s.endpoint, q.text()))).toList();
                    progress.println("[mevo] bench peers: " + w.getKey() + " (" + targets.size() + " queries) on " + s.name);
                    load.warmUp(targets, 8, Duration.ofSeconds(3), Duration.ofSeconds(9), 0.05, Duration.ofSeconds(60));
                    List<LevelResult> levels = new ArrayList<>();
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
                    s.byWorkload.put(w.getKey(), new Measure(levels));
                }
            }
            for (String w : workloads.keySet()) tables.add(table(w, workloads.get(w).size(), servers, o.levels()));
            tables.add(summary(servers, o.levels(), workloads.keySet()));
            if (!excluded.rows().isEmpty()) tables.add(excluded);
            return new Result(tables, errors);
        } finally {
            for (Server s : servers) if (s.process != null && (virtuoso == null || s.process != virtuoso.process())) BenchProcesses.stop(s.process, Duration.ofSeconds(20));
            if (virtuoso != null) virtuoso.close();
            org.w3id.mevo.core.FileTrees.delete(tmp);
        }
    }

    private Server startJava(String name, String kind, String path, Options o, Path tmp) throws IOException {
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
            return new Server(name, endpoint, p, (t1 - t0) / 1e6);
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

    private static Table table(String workload, int queries, List<Server> servers, List<Integer> levels) {
        Table t = new Table("peers, workload '" + workload + "' (" + queries + " queries mixed): req/s, latency ms, server RSS after the level",
                "server", "clients", "requests", "errors", "cache hits", "req/s", "p50", "p99", "RSS MiB", "server CPU ms/req");
        for (Server s : servers) {
            Measure m = s.byWorkload.get(workload);
            if (m == null) continue;
            for (LevelResult l : m.levels())
                t.row(s.name, l.clients(), l.outcome().requests(), l.outcome().errors(), l.outcome().cacheHits(), l.outcome().throughput(),
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
            List<Object> row = new ArrayList<>(List.of(s.name, Table.whole(s.firstAnswerMs), rss(s.process, "VmHWM") / 1024));
            for (String w : workloads)
                for (int i = 0; i < levels.size(); i++) {
                    Measure m = s.byWorkload.get(w), mv = v == null ? null : v.byWorkload.get(w);
                    row.add(m == null || mv == null ? "-" : Table.ratio(m.levels().get(i).outcome().throughput()
                            / mv.levels().get(i).outcome().throughput()));
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
