package org.w3id.mevo.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.Dataset;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.Prefixes;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.serve.ServeOperation;

/** The servers the benchmarks talk to, all on a free port of 127.0.0.1, and the wait for the first answer. */
final class BenchServers {
    /** The smallest query that proves the endpoint answers from the loaded data. */
    static final String PROBE = "ASK { ?s ?p ?o }";

    private BenchServers() {}

    /**
     * MEVO's server exactly as {@code ./mevo serve --localhost} builds it, on a free port; with {@code resultCache}
     * false, without its query-result cache, so that every request executes its query.
     */
    static FusekiServer startMevo(ProjectLayout layout, Path release, boolean resultCache, StepLog log) {
        var o = new ServeOperation.Options(layout.fusekiConfig(), release, 0, true, layout.siteDir(), Prefixes.load(layout.prefixes()));
        return new ServeOperation(log).start(resultCache ? o : o.withoutResultCache()).server();
    }

    static String mevoEndpoint(FusekiServer s) { return "http://127.0.0.1:" + s.getHttpPort() + "/mevo/sparql"; }

    /**
     * Plain Fuseki, the baseline: no MEVO filter, no result cache, no result cap, no text index, no timeout; the same
     * kind of in-memory dataset as MEVO's (named graphs from the release's mevo.nq, their union as the default graph).
     */
    static FusekiServer startPlainFuseki(Path release) {
        Dataset ds = org.w3id.mevo.serve.ServedDataset.loadUnion(release);
        FusekiServer s = FusekiServer.create().loopback(true).port(0).add("/ds", ds).build();
        s.start();
        return s;
    }

    static String plainEndpoint(FusekiServer s) { return "http://127.0.0.1:" + s.getHttpPort() + "/ds/sparql"; }

    /** Polls the probe query every 5 ms until it answers 200; returns System.nanoTime() of that answer. */
    static long awaitFirstAnswer(HttpClient client, String endpoint, Duration timeout) {
        URI uri = HttpLoad.queryUri(endpoint, PROBE);
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no attempt";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = client.send(HttpLoad.request(uri, Duration.ofSeconds(5)), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("true")) return System.nanoTime();
                last = "HTTP " + r.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MevoException("interrupted while waiting for " + endpoint, e);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MevoException("interrupted while waiting for " + endpoint, e);
            }
        }
        throw new MevoException(endpoint + " did not answer within " + timeout.toSeconds() + " s (last: " + last + ")");
    }

    static void stop(FusekiServer s) {
        if (s != null) s.stop();
    }
}
