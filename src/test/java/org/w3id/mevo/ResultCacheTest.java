package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.serve.ResultCache;
import org.w3id.mevo.serve.ServeOperation;
import org.w3id.mevo.serve.ServerSettings;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.TestKb;

/**
 * The query-result cache (serve/ResultCache) on a real Fuseki serving the real release: repeated queries are answered
 * from it with the same bytes, anything whose answer could differ is not, and its size stays within the configured bound.
 */
class ResultCacheTest {
    /** A query no other test sends, so its first answer here is a miss whatever ran before. */
    private static String unique(String tag) {
        return "# ResultCacheTest " + tag + " " + System.nanoTime() + "\n"
                + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                + "SELECT ?c ?label WHERE { ?c rdfs:label ?label FILTER(STRSTARTS(STR(?c), \"https://w3id.org/mevo/MEVO_\")) } ORDER BY ?c LIMIT 50";
    }

    private static HttpResponse<String> get(String endpoint, String query, String accept) {
        return Http.get(endpoint + "?query=" + Http.encode(query), accept);
    }

    private static String cacheHeader(HttpResponse<?> r) { return r.headers().firstValue(ResultCache.HEADER).orElse(null); }

    @Test
    void aRepeatedQueryIsAnsweredFromTheCacheWithTheSameBytes() {
        String q = unique("repeat");
        var first = get(TestKb.sparqlUrl(), q, "application/sparql-results+json");
        var second = get(TestKb.sparqlUrl(), q, "application/sparql-results+json");
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("miss", cacheHeader(first));
        assertEquals("hit", cacheHeader(second));
        assertEquals(first.body(), second.body());
        assertEquals(first.headers().firstValue("Content-Type"), second.headers().firstValue("Content-Type"));
        assertTrue(first.body().contains("MEVO_"), "the answer holds MEVO classes: " + first.body());
    }

    @Test
    void theAcceptHeaderAndTheFormPostAreKeptApart() {
        String q = unique("accept");
        var json = get(TestKb.sparqlUrl(), q, "application/sparql-results+json");
        var xml = get(TestKb.sparqlUrl(), q, "application/sparql-results+xml");
        assertEquals("miss", cacheHeader(xml), "another Accept is another answer");
        assertTrue(xml.headers().firstValue("Content-Type").orElse("").contains("xml"));
        assertNotEquals(json.body(), xml.body());
        assertEquals("hit", cacheHeader(get(TestKb.sparqlUrl(), q, "application/sparql-results+xml")));
        var form1 = Http.postForm(TestKb.sparqlUrl(), "query=" + Http.encode(q), "text/csv");
        var form2 = Http.postForm(TestKb.sparqlUrl(), "query=" + Http.encode(q), "text/csv");
        assertEquals(200, form1.statusCode(), form1.body());
        assertEquals("miss", cacheHeader(form1));
        assertEquals("hit", cacheHeader(form2));
        assertEquals(form1.body(), form2.body());
    }

    @Test
    void volatileQueriesErrorsAndQueryBodiesAreNeverCached() {
        String now = "SELECT (NOW() AS ?t) WHERE {}";
        assertEquals("bypass", cacheHeader(get(TestKb.sparqlUrl(), now, "application/sparql-results+json")));
        assertEquals("bypass", cacheHeader(get(TestKb.sparqlUrl(), now, "application/sparql-results+json")));
        String rand = "SELECT (RAND() AS ?r) WHERE {} # " + System.nanoTime();
        var r1 = get(TestKb.sparqlUrl(), rand, "application/sparql-results+json");
        var r2 = get(TestKb.sparqlUrl(), rand, "application/sparql-results+json");
        assertNotEquals(r1.body(), r2.body(), "RAND() answers differ: they must not come from a cache");

        String broken = "SELECT ?x WHERE { ?x ?y } # " + System.nanoTime();
        var e1 = get(TestKb.sparqlUrl(), broken, "application/sparql-results+json");
        var e2 = get(TestKb.sparqlUrl(), broken, "application/sparql-results+json");
        assertEquals(400, e1.statusCode());
        assertEquals(400, e2.statusCode());
        assertNotEquals("hit", cacheHeader(e2), "an error is never replayed from the cache");

        String q = unique("body");
        HttpRequest body = HttpRequest.newBuilder(URI.create(TestKb.sparqlUrl())).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/sparql-query").header("Accept", "application/sparql-results+json")
                .POST(HttpRequest.BodyPublishers.ofString(q)).build();
        var b1 = Http.send(body);
        var b2 = Http.send(body);
        assertEquals(200, b2.statusCode(), b2.body());
        assertNull(cacheHeader(b1), "a query sent as the request body is not looked up");
        assertNull(cacheHeader(b2));
    }

    @Test
    void theCacheStaysWithinItsSizeAndEvictsTheLeastRecentlyUsed(@TempDir Path tmp) throws Exception {
        // the production configuration, with a cache of 40 KB: room for only a few answers of ~12 KB each
        Path config = tmp.resolve("mevo.ttl");
        Files.writeString(config, Files.readString(TestKb.layout().fusekiConfig())
                .replace("\"mevo:resultCacheBytes\" ; ja:cxtValue \"67108864\"", "\"mevo:resultCacheBytes\" ; ja:cxtValue \"40000\""));
        assertEquals(new ResultCache.Settings(40000, 1048576), ServerSettings.read(config).cache());
        FusekiServer s = new ServeOperation(StepLog.silent()).start(new ServeOperation.Options(config, TestKb.release(), 0, true,
                TestKb.layout().siteDir(), TestKb.prefixes())).server();
        try {
            String endpoint = "http://127.0.0.1:" + s.getHttpPort() + "/mevo/sparql";
            List<String> queries = List.of(unique("a"), unique("b"), unique("c"), unique("d"), unique("e"));
            for (String q : queries) {
                var r = get(endpoint, q, "application/sparql-results+json");
                assertEquals("miss", cacheHeader(r));
                assertTrue(r.body().length() > 8000, "each answer is large enough to fill the small cache: " + r.body().length());
            }
            assertEquals("hit", cacheHeader(get(endpoint, queries.get(4), "application/sparql-results+json")), "the newest answer is kept");
            assertEquals("miss", cacheHeader(get(endpoint, queries.get(0), "application/sparql-results+json")),
                    "the oldest answer was evicted to stay within 40,000 bytes");
        } finally {
            s.stop();
        }
    }

    @Test
    void aCacheSizeThatIsNotANumberIsAnErrorNamingTheFileAndSetting(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("broken.ttl");
        Files.writeString(config, Files.readString(TestKb.layout().fusekiConfig())
                .replace("\"mevo:resultCacheBytes\" ; ja:cxtValue \"67108864\"", "\"mevo:resultCacheBytes\" ; ja:cxtValue \"64MB\""));
        MevoException e = assertThrows(MevoException.class, () -> ServerSettings.read(config));
        assertTrue(e.getMessage().contains(config.toString()) && e.getMessage().contains("mevo:resultCacheBytes")
                && e.getMessage().contains("64MB"), e.getMessage());
    }
}
