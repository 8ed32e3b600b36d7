package org.w3id.mevo.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.function.Function;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.support.Http;

/**
 * The result cache in front of a real Fuseki (in-memory, three triples, loopback, a free port), as the server sets
 * it up: what makes two requests the same entry (endpoint, parameters in any order, {@code Accept}) and which entry
 * goes first when the cache is full (the least recently used). The full-KB behaviour is in {@code ResultCacheTest}.
 */
@Tag("fast")
class ResultCacheKeyAndEvictionTest {
    static final String A = "SELECT ?x WHERE { BIND(\"a\" AS ?x) }";
    static final String B = "SELECT ?x WHERE { BIND(\"b\" AS ?x) }";
    static final String C = "SELECT ?x WHERE { BIND(\"c\" AS ?x) }";
    static final String JSON = "application/sparql-results+json";

    /** Runs {@code test} against a server whose cache has these settings, then stops it. */
    static <T> T withServer(ResultCache cache, Function<String, T> test) {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        dsg.add(Quad.defaultGraphIRI, NodeFactory.createURI("https://w3id.org/mevo/MEVO_9900021"),
                NodeFactory.createURI("http://www.w3.org/2000/01/rdf-schema#label"), NodeFactory.createLiteralString("fixture repair outcome"));
        FusekiServer server = FusekiServer.create().port(0).loopback(true)
                .registerOperation(Operation.Query, new CappedQueryProcessor(10_000))
                .addFilter("/*", cache).add("/ds", dsg).build().start();
        try {
            return test.apply("http://127.0.0.1:" + server.getHttpPort() + "/ds");
        } finally {
            server.stop();
        }
    }

    static HttpResponse<String> get(String endpoint, String params, String accept) {
        return Http.get(endpoint + "?" + params, accept);
    }

    static String q(String query) { return "query=" + Http.encode(query); }

    static String cacheHeader(HttpResponse<String> r) { return r.headers().firstValue(ResultCache.HEADER).orElse("(none)"); }

    @Test
    void theKeyIsEndpointParametersInAnyOrderAndAcceptHeader() {
        ResultCache cache = new ResultCache(new ResultCache.Settings(1 << 20, 1 << 16));
        withServer(cache, ds -> {
            HttpResponse<String> first = get(ds + "/query", q(A) + "&output=json", JSON);
            assertEquals(200, first.statusCode(), first.body());
            assertEquals("miss", cacheHeader(first));
            HttpResponse<String> again = get(ds + "/query", "output=json&" + q(A), JSON);
            assertEquals("hit", cacheHeader(again), "the same parameters in another order are the same entry");
            assertEquals(first.body(), again.body());
            assertEquals(first.headers().firstValue("Content-Type"), again.headers().firstValue("Content-Type"));

            assertEquals("miss", cacheHeader(get(ds + "/query", q(A) + "&output=json", "text/csv")), "another Accept, another entry");
            assertEquals("miss", cacheHeader(get(ds + "/sparql", q(A) + "&output=json", JSON)), "another endpoint path, another entry");
            assertEquals("miss", cacheHeader(get(ds + "/query", q(A + " ") + "&output=json", JSON)), "another query text, another entry");
            assertEquals("bypass", cacheHeader(get(ds + "/query", q("SELECT (NOW() AS ?t) {}"), JSON)), "volatile queries are not cached");
            ResultCache.Counts c = cache.counts();
            assertEquals(1, c.hits());
            assertEquals(4, c.misses());
            assertEquals(1, c.bypasses());
            assertEquals(4, c.entries());
            return null;
        });
    }

    @Test
    void whenFullTheLeastRecentlyUsedAnswerGoesFirst() {
        // measure what one entry costs (A, B and C have answers and keys of the same length)
        ResultCache probe = new ResultCache(new ResultCache.Settings(1 << 20, 1 << 16));
        long cost = withServer(probe, ds -> { get(ds + "/query", q(A), JSON); return probe.counts().bytes(); });
        assertTrue(cost > 0);

        ResultCache cache = new ResultCache(new ResultCache.Settings(2 * cost + cost / 2, 1 << 16)); // room for two
        withServer(cache, ds -> {
            assertEquals("miss", cacheHeader(get(ds + "/query", q(A), JSON)));
            assertEquals("miss", cacheHeader(get(ds + "/query", q(B), JSON)));
            assertEquals("hit", cacheHeader(get(ds + "/query", q(A), JSON)), "A is now the most recently used");
            assertEquals("miss", cacheHeader(get(ds + "/query", q(C), JSON)), "C pushes out B, the least recently used");
            assertEquals(2, cache.counts().entries());
            assertTrue(cache.counts().bytes() <= 2 * cost + cost / 2);
            assertEquals("hit", cacheHeader(get(ds + "/query", q(A), JSON)));
            assertEquals("hit", cacheHeader(get(ds + "/query", q(C), JSON)));
            assertEquals("miss", cacheHeader(get(ds + "/query", q(B), JSON)), "B was evicted");
            return null;
        });
    }

    @Test
    void anAnswerLargerThanTheEntryLimitIsServedButNotStored() {
        ResultCache cache = new ResultCache(new ResultCache.Settings(1 << 20, 16));
        withServer(cache, ds -> {
            HttpResponse<String> r = get(ds + "/query", q(A), JSON);
            assertEquals(200, r.statusCode());
            assertTrue(r.body().length() > 16);
            assertEquals("miss", cacheHeader(get(ds + "/query", q(A), JSON)), "not stored, so computed again");
            assertEquals(0, cache.counts().entries());
            return null;
        });
    }

    @Test
    void aCacheOfSizeZeroIsOff() {
        assertEquals(false, ResultCache.Settings.OFF.enabled());
        ResultCache cache = new ResultCache(new ResultCache.Settings(0, 0));
        withServer(cache, ds -> {
            assertEquals("bypass", cacheHeader(get(ds + "/query", q(A), JSON)));
            assertEquals("bypass", cacheHeader(get(ds + "/query", q(A), JSON)));
            return null;
        });
    }
}
