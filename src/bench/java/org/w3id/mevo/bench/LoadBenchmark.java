package org.w3id.mevo.bench;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.DataAccessPoint;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;

/**
 * Load and start-up benchmark, from the built release, {@code rounds} times:
 * <ul>
 *   <li>load: release/mevo.nq into the served dataset (the one fuseki-config/mevo.ttl declares: in-memory, with the
 *       union of the named graphs written as its default graph, and the Lucene text index), the same
 *       {@link org.w3id.mevo.serve.ServedDataset#loadEmpty} call {@code ServeOperation} makes, timed alone;</li>
 *   <li>for comparison, the same file into the same kind of in-memory dataset without a text index;</li>
 *   <li>start-up: from the {@code ServeOperation.start()} call to the first query answered over HTTP; and the
 *       "serve" step line of that start (config, load, index, Jetty start).</li>
 * </ul>
 */
public final class LoadBenchmark {
    public record Options(ProjectLayout layout, Path releaseDir, int rounds, Duration startupTimeout) {
        public static Options of(ProjectLayout layout, Path releaseDir, int rounds) {
            return new Options(layout, releaseDir, rounds, Duration.ofSeconds(120));
        }
    }

    public record Round(double loadMs, long quads, double plainLoadMs, long serveStepMs, double startupMs) {}

    public record Result(List<Round> rounds) {
        public double median(ToDoubleFunction<Round> f) { return Stats.median(rounds, f); }

        public double medianStartupMs() { return median(Round::startupMs); }

        public double medianLoadMs() { return median(Round::loadMs); }

        public Table table() {
            Table t = new Table("load and start-up from the built release, " + rounds.size() + " round(s) (ms)",
                    "what", "median", "min", "max", "per round");
            t.roundsRow("load mevo.nq into the served dataset (in memory, union copy, text index)", rounds, Round::loadMs);
            t.roundsRow("load mevo.nq into the same without text index", rounds, Round::plainLoadMs);
            t.roundsRow("'serve' step (config + load + index + Jetty start)", rounds, Round::serveStepMs);
            t.roundsRow("START-UP: start() call -> first query answered over HTTP", rounds, Round::startupMs);
            long quads = rounds.isEmpty() ? 0 : rounds.get(0).quads();
            t.row("quads loaded", quads, quads, quads, "");
            return t;
        }

    }

    private final PrintStream progress;
    private final HttpClient client;

    public LoadBenchmark(PrintStream progress, HttpClient client) {
        this.progress = progress;
        this.client = client;
    }

    public Result run(Options o) {
        List<Round> rounds = new ArrayList<>();
        for (int i = 1; i <= o.rounds(); i++) {
            progress.println("[mevo] bench: load/start-up round " + i + "/" + o.rounds());
            rounds.add(round(o));
        }
        return new Result(List.copyOf(rounds));
    }

    private Round round(Options o) {
        // 1. the served dataset, built from the assembler file as ServeOperation builds it; the server is never started
        FusekiServer unstarted = FusekiServer.create().parseConfigFile(o.layout().fusekiConfig()).loopback(true).port(0).build();
        var loaded = org.w3id.mevo.serve.ServedDataset.loadEmpty(unstarted.getDataAccessPointRegistry(), o.releaseDir());
        long loadNanos = loaded.loadNanos(), quads = loaded.quads();

        // 2. the same file into the same kind of dataset, without the text index
        long p0 = System.nanoTime();
        Dataset plain = org.w3id.mevo.serve.ServedDataset.loadUnion(o.releaseDir());
        double plainMs = Stats.nanosToMs(System.nanoTime() - p0);
        plain.close();

        // 3. start-up to the first answer over HTTP
        Map<String, Long> steps = new LinkedHashMap<>();
        StepLog log = new StepLog(progress, (name, ms, counts) -> steps.merge(name, ms, Long::sum));
        FusekiServer server = null;
        try {
            long s0 = System.nanoTime();
            server = BenchServers.startMevo(o.layout(), o.releaseDir(), true, log);
            long answered = BenchServers.awaitFirstAnswer(client, BenchServers.mevoEndpoint(server), o.startupTimeout());
            return new Round(Stats.nanosToMs(loadNanos), quads, plainMs, steps.getOrDefault("serve", -1L),
                    Stats.nanosToMs(answered - s0));
        } finally {
            BenchServers.stop(server);
        }
    }
}
