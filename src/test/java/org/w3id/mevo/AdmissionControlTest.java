package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.mevo.core.FileTrees;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.serve.ServeOperation;
import org.w3id.mevo.support.TestKb;

/**
 * The admission gate (fuseki-config's mevo:maxConcurrentQueries and mevo:queueWaitMillis) on a real server over real
 * HTTP: with one turn, queries queue in arrival order and all get answered; a query that cannot get a turn within the
 * wait bound gets HTTP 503 with a message saying the server is busy; the turn is given back after an answer, a timeout
 * or an error, so the server answers again afterwards.
 */
class AdmissionControlTest {
    @TempDir
    Path tmp;

    /** A copy of fuseki-config/ with one turn, a short queue wait and a 2 s query timeout. */
    private Path config(long waitMillis) throws Exception {
        Path dir = tmp.resolve("fuseki-config-" + waitMillis);
        FileTrees.copy(TestKb.layout().fusekiConfig().getParent(), dir);
        Path f = dir.resolve("mevo.ttl");
        String text = Files.readString(f);
        text = replace(text, "arq:queryTimeout", "10000,30000", "2000,2000");
        text = replace(text, "mevo:maxConcurrentQueries", "0", "1");
        text = replace(text, "mevo:queueWaitMillis", "10000", String.valueOf(waitMillis));
        Files.writeString(f, text);
        return f;
    }

    private static String replace(String text, String setting, String from, String to) {
        String old = "ja:cxtName \"" + setting + "\" ; ja:cxtValue \"" + from + "\"";
        assertTrue(text.contains(old), "the served configuration sets " + old);
        return text.replace(old, "ja:cxtName \"" + setting + "\" ; ja:cxtValue \"" + to + "\"");
    }

    private static FusekiServer start(Path config) {
        var o = new ServeOperation.Options(config, TestKb.release(), 0, true, TestKb.layout().siteDir(), TestKb.prefixes())
                .withoutResultCache();
        return new ServeOperation(StepLog.silent()).start(o).server();
    }

    private static CompletableFuture<HttpResponse<String>> ask(HttpClient client, String base, String query) {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/mevo/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .header("Accept", "application/sparql-results+json").timeout(Duration.ofSeconds(60)).GET().build();
        return client.sendAsync(r, HttpResponse.BodyHandlers.ofString());
    }

    /** Every triple against every triple: far more work than the 2 s timeout allows, so it holds its turn that long. */
    private static final String SLOW = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . FILTER(STR(?c) != STR(?f)) }";

    @Test
    void withOneTurnQueriesQueueAndAllAreAnswered() throws Exception {
        FusekiServer server = start(config(20_000));
        try {
            String base = "http://127.0.0.1:" + server.getHttpPort();
            HttpClient client = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
            for (int i = 0; i < 12; i++)
                all.add(ask(client, base, "SELECT (COUNT(*) AS ?n) { ?s a ?c } # request " + i));
            for (var f : all) {
                HttpResponse<String> r = f.get();
                assertEquals(200, r.statusCode(), r.body());
                assertTrue(r.body().contains("\"n\""), r.body());
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void aQueryThatGetsNoTurnInTimeIsRefusedWith503AndTheTurnComesBack() throws Exception {
        FusekiServer server = start(config(300));
        try {
            String base = "http://127.0.0.1:" + server.getHttpPort();
            HttpClient client = HttpClient.newHttpClient();
            long t0 = System.nanoTime();
            var slow = ask(client, base, SLOW);
            Thread.sleep(500); // the slow query has its turn by now
            HttpResponse<String> refused = ask(client, base, "ASK {}").get();
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("the server is busy") && refused.body().contains("300 ms"), refused.body());
            assertTrue(slow.get().statusCode() != 200 || System.nanoTime() - t0 > 1_000_000_000L,
                    "the slow query was stopped by its timeout, not by the gate");
            // its turn was given back: the next query is answered
            HttpResponse<String> again = ask(client, base, "ASK { ?s ?p ?o }").get();
            assertEquals(200, again.statusCode(), again.body());
            assertTrue(again.body().contains("true"), again.body());
            // and a query that fails (a parse error) gives its turn back too
            assertEquals(400, ask(client, base, "SELECT WHERE").get().statusCode());
            assertEquals(200, ask(client, base, "ASK {}").get().statusCode());
        } finally {
            server.stop();
        }
    }
}
