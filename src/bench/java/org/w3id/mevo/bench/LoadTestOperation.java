package org.w3id.mevo.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.jena.fuseki.main.FusekiServer;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;

/**
 * {@code ./mevo bench-load}: the load test with a verdict. N clients (default 32) send the example queries
 * ({@code queries/*.rq}, round-robin, HTTP GET) for S seconds (default 60) without pause, after a bounded warm-up;
 * it PASSES when no request failed and, if a p99 bound is given, the p99 over all requests is within it. The server is
 * MEVO's own, started in this JVM from the built release (as served, or with {@code --no-cache} without its
 * query-result cache), or one already running on this machine ({@code --endpoint http://127.0.0.1:PORT/mevo/sparql}).
 */
public final class LoadTestOperation {
    /**
     * @param endpoint a running server's endpoint on 127.0.0.1, or null to start one from {@code releaseDir}
     * @param resultCache for the server started here: with its query-result cache (as served) or without
     * @param maxP99Ms the p99 bound of the verdict, NaN for none
     * @param warmupMax the longest warm-up (4 s chunks at 8 clients until throughput is steady; not counted)
     * @param rate requests per second for an open-loop run ({@link OpenLoopLoad}); 0 = closed loop with {@code clients}
     */
    public record Options(ProjectLayout layout, Path releaseDir, String endpoint, boolean resultCache, int clients,
                          Duration duration, double maxP99Ms, Duration warmupMax, double rate, Path out) {
        public Options {
            if (clients < 1 || clients > 256) throw new MevoException("--clients must be between 1 and 256, not " + clients);
            if (duration.toSeconds() < 1 || duration.toSeconds() > 3600)
                throw new MevoException("--seconds must be between 1 and 3600, not " + duration.toSeconds());
            if (rate < 0) throw new MevoException("--rate must not be negative");
            if (maxP99Ms <= 0) throw new MevoException("--max-p99 must be a positive number of milliseconds");
            if (warmupMax.isNegative() || warmupMax.isZero() || warmupMax.toSeconds() > 600)
                throw new MevoException("--warmup must be between 1 and 600 seconds, not " + warmupMax.toSeconds());
        }
    }

    public record Result(HttpLoad.Outcome outcome, boolean passed, Table table) {}

    private final StepLog log;
    private final PrintStream out;
    private final PrintStream progress;

    public LoadTestOperation(StepLog log, PrintStream out, PrintStream progress) {
        this.log = log;
        this.out = out;
        this.progress = progress;
    }

    public Result run(Options o) {
        var step = log.start("bench-load");
        HttpLoad load = new HttpLoad(HttpLoad.newClient());
        QuerySet queries = QuerySet.load(o.layout().queriesDir());
        FusekiServer server = null;
        String served;
        try {
            String endpoint = o.endpoint();
            if (endpoint == null) {
                server = BenchServers.startMevo(o.layout(), o.releaseDir(), o.resultCache(), new StepLog(progress));
                endpoint = BenchServers.mevoEndpoint(server);
                served = "MEVO server started here from " + relative(o.layout(), o.releaseDir()) + (o.resultCache() ? " (result cache on, as served)" : " (result cache off)");
            } else {
                served = "running server " + endpoint;
            }
            List<HttpLoad.Target> targets = queries.targets(endpoint);
            BenchServers.awaitFirstAnswer(load.client(), endpoint, Duration.ofSeconds(120));
            progress.println("[mevo] bench-load: warm-up (8 clients, until throughput is steady, at most " + o.warmupMax().toSeconds() + " s)");
            Duration chunk = o.warmupMax().compareTo(Duration.ofSeconds(4)) < 0 ? o.warmupMax() : Duration.ofSeconds(4);
            HttpLoad.WarmUp warm = load.warmUp(targets, 8, chunk, o.warmupMax(), 0.03, Duration.ofSeconds(60));
            String mode = o.rate() > 0
                    ? String.format(Locale.ROOT, "open loop at %.0f requests/s (latency from each request's due time)", o.rate())
                    : o.clients() + " clients";
            progress.println("[mevo] bench-load: " + mode + " for " + o.duration().toSeconds() + " s");
            BenchOperation.CpuSnapshot cpu = BenchOperation.CpuSnapshot.now();
            HttpLoad.Outcome r = o.rate() > 0
                    ? new OpenLoopLoad(load.client()).run(targets, new OpenLoopLoad.Options(o.rate(), o.duration(), 1024, Duration.ofSeconds(60)))
                    : load.run(targets, new HttpLoad.Limits(o.clients(), Integer.MAX_VALUE, o.duration(), Duration.ofSeconds(60)));
            String others = cpu.othersSince();
            for (String e : r.errorSamples()) progress.println("[mevo] bench-load: error: " + e);
            Stats.Summary s = r.summary();
            int worst = 0;
            for (int i = 1; i < targets.size(); i++) if (r.summary(i).p99() > r.summary(worst).p99()) worst = i;
            boolean p99Ok = Double.isNaN(o.maxP99Ms()) || s.p99() <= o.maxP99Ms();
            boolean passed = r.errors() == 0 && p99Ok && r.requests() > 0;
            Table t = new Table("load test: " + mode + ", " + o.duration().toSeconds() + " s, "
                    + targets.size() + " example queries round-robin (latency ms)", "what", "value");
            t.row("server", served);
            t.row("warm-up req/s per " + chunk.toSeconds() + " s chunk (not counted)", warm.throughputs());
            t.row("requests", r.requests());
            t.row("errors (must be 0)", r.errors());
            t.row("answers from the result cache", r.cacheHits());
            t.row("seconds", r.seconds());
            t.row("req/s", r.throughput());
            t.row("p50", s.p50());
            t.row("p95", s.p95());
            t.row("p99", s.p99());
            t.row("max", s.max());
            t.row("worst query by p99", targets.get(worst).name() + " (" + String.format(Locale.ROOT, "%.1f", r.summary(worst).p99()) + " ms)");
            t.row("CPU used by OTHER processes meanwhile", others);
            t.row("p99 bound", Double.isNaN(o.maxP99Ms()) ? "none" : String.format(Locale.ROOT, "%.1f ms", o.maxP99Ms()));
            t.row("VERDICT", passed ? "PASS" : "FAIL" + (r.errors() > 0 ? " (errors)" : "") + (p99Ok ? "" : " (p99 above the bound)"));
            t.print(out);
            if (o.out() != null) BenchOperation.writeTables(o.out(), List.of(t));
            step.done(String.format(Locale.ROOT, "mode=%s seconds=%.1f requests=%d errors=%d p99=%.1fms verdict=%s",
                    o.rate() > 0 ? "open-loop@" + Math.round(o.rate()) + "/s" : o.clients() + "-clients", r.seconds(), r.requests(), r.errors(), s.p99(), passed ? "PASS" : "FAIL"));
            return new Result(r, passed, t);
        } finally {
            BenchServers.stop(server);
        }
    }

    /** The release folder as written in reports: relative to the project root when inside it (no machine paths). */
    private static String relative(ProjectLayout layout, Path dir) {
        Path root = layout.root().toAbsolutePath().normalize(), d = dir.toAbsolutePath().normalize();
        return d.startsWith(root) ? root.relativize(d).toString() : d.getFileName().toString();
    }
}
