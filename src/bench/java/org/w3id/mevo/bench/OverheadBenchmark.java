package org.w3id.mevo.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.resultset.ResultsReader;
import org.apache.jena.sparql.resultset.SPARQLResult;
import org.w3id.mevo.core.MevoException;

/**
 * Overhead benchmark: throughput (successful requests/s) of MEVO's server against a plain Fuseki serving the same
 * mevo.nq, both running side by side in this JVM, the same mixed query set, the same number of clients. The runs
 * alternate (MEVO first in odd rounds, plain first in even ones) so that drift in the machine's load hits both alike;
 * the ratio is median MEVO throughput / median plain throughput (target >= 0.9).
 */
public final class OverheadBenchmark {
    public record Options(Path releaseDir, int clients, int rounds, int maxRequests, Duration maxTime,
                          Duration warmupChunk, Duration warmupMax, Duration requestTimeout) {
        public static Options of(Path releaseDir, int rounds, Duration maxTime) {
            return new Options(releaseDir, 8, rounds, 1_000_000, maxTime, Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(60));
        }
    }

    /** @param rowMismatches queries whose result row count differs between the two servers (must be 0) */
    public record Result(int clients, List<HttpLoad.Outcome> mevo, List<HttpLoad.Outcome> plain, int rowMismatches,
                         List<String> mismatchNames) {
        public double medianMevo() { return Stats.median(mevo.stream().map(HttpLoad.Outcome::throughput).toList()); }

        public double medianPlain() { return Stats.median(plain.stream().map(HttpLoad.Outcome::throughput).toList()); }

        /** MEVO throughput / plain Fuseki throughput, medians of the same run. */
        public double ratio() { return medianMevo() / medianPlain(); }

        /** Median of the per-round ratios (each round's two runs are back to back). */
        public double pairedRatio() {
            List<Double> r = new ArrayList<>();
            for (int i = 0; i < Math.min(mevo.size(), plain.size()); i++) r.add(mevo.get(i).throughput() / plain.get(i).throughput());
            return Stats.median(r);
        }

        public int errors() {
            return mevo.stream().mapToInt(HttpLoad.Outcome::errors).sum() + plain.stream().mapToInt(HttpLoad.Outcome::errors).sum();
        }

        public Table table() {
            Table t = new Table("overhead: MEVO server vs plain Fuseki, same JVM, mixed query set, " + clients
                    + " clients, " + mevo.size() + " alternating round(s)",
                    "server", "median req/s", "per round req/s", "requests", "errors", "p50 ms", "p99 ms");
            add(t, "MEVO, result cache off (/mevo/sparql: config, SiteFilter, result cap, text index, timeout)", mevo);
            add(t, "plain Fuseki (/ds/sparql: same in-memory dataset, no extras)", plain);
            t.row("RATIO MEVO / plain (medians; target >= 0.9)", Table.ratio(ratio()),
                    "paired per round: " + Table.ratio(pairedRatio()), "", "", "", "");
            t.row("queries whose row counts differ", rowMismatches, String.join(" ", mismatchNames), "", "", "", "");
            return t;
        }

        private static void add(Table t, String name, List<HttpLoad.Outcome> runs) {
            double[] all = runs.stream().flatMapToDouble(o -> java.util.Arrays.stream(o.allLatencies())).toArray();
            Stats.Summary s = Stats.Summary.of(all);
            t.row(name, Stats.median(runs.stream().map(HttpLoad.Outcome::throughput).toList()),
                    runs.stream().map(o -> Table.cell(o.throughput())).collect(Collectors.joining(" / ")),
                    runs.stream().mapToInt(HttpLoad.Outcome::requests).sum(),
                    runs.stream().mapToInt(HttpLoad.Outcome::errors).sum(), s.p50(), s.p99());
        }
    }

    private final HttpLoad load;
    private final PrintStream progress;

    public OverheadBenchmark(HttpLoad load, PrintStream progress) {
        this.load = load;
        this.progress = progress;
    }

    public Result run(String mevoEndpoint, QuerySet queries, Options o) {
        FusekiServer plain = null;
        try {
            progress.println("[mevo] bench: starting a plain Fuseki (no MEVO filters) beside MEVO's server");
            plain = BenchServers.startPlainFuseki(o.releaseDir());
            String plainEndpoint = BenchServers.plainEndpoint(plain);
            BenchServers.awaitFirstAnswer(load.client(), plainEndpoint, Duration.ofSeconds(60));
            List<HttpLoad.Target> mevoTargets = queries.targets(mevoEndpoint);
            List<HttpLoad.Target> plainTargets = queries.targets(plainEndpoint);

            List<String> mismatches = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                long a = rows(mevoTargets.get(i), o.requestTimeout()), b = rows(plainTargets.get(i), o.requestTimeout());
                if (a != b) mismatches.add(queries.queries().get(i).name() + "(" + a + "/" + b + ")");
            }

            for (var targets : List.of(mevoTargets, plainTargets)) {
                HttpLoad.WarmUp w = load.warmUp(targets, o.clients(), o.warmupChunk(), o.warmupMax(), 0.03, o.requestTimeout());
                progress.println("[mevo] bench: overhead warm-up req/s per chunk: " + w.throughputs());
            }

            HttpLoad.Limits limits = new HttpLoad.Limits(o.clients(), o.maxRequests(), o.maxTime(), o.requestTimeout());
            List<HttpLoad.Outcome> m = new ArrayList<>(), p = new ArrayList<>();
            for (int r = 1; r <= o.rounds(); r++) {
                progress.println("[mevo] bench: overhead round " + r + "/" + o.rounds() + " (" + o.clients() + " clients, "
                        + o.maxTime().toSeconds() + " s per server)");
                if (r % 2 == 1) {
                    m.add(load.run(mevoTargets, limits));
                    p.add(load.run(plainTargets, limits));
                } else {
                    p.add(load.run(plainTargets, limits));
                    m.add(load.run(mevoTargets, limits));
                }
            }
            return new Result(o.clients(), List.copyOf(m), List.copyOf(p), mismatches.size(), List.copyOf(mismatches));
        } finally {
            BenchServers.stop(plain);
        }
    }

    /** Result rows of one query (1 for an ASK), read with Jena's SPARQL JSON results parser. */
    private long rows(HttpLoad.Target t, Duration timeout) {
        try {
            HttpResponse<byte[]> r = load.client().send(HttpLoad.request(t.uri(), timeout), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) return -r.statusCode();
            SPARQLResult res = ResultsReader.create().lang(ResultSetLang.RS_JSON).build().readAny(new ByteArrayInputStream(r.body()));
            if (res.isBoolean()) return 1;
            long n = 0;
            var rs = res.getResultSet();
            while (rs.hasNext()) { rs.next(); n++; }
            return n;
        } catch (IOException e) {
            throw new MevoException(t.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MevoException("interrupted", e);
        }
    }
}
