package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.publish.Release;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.TestKb;

/** The served endpoint as a SPARQL client sees it: protocol, read-only access, errors, named graphs, UI. */
class EndpointTest {

    @Test
    void queryEndpointsAnswerOnSparqlAndQueryPaths() {
        String q = Http.encode("ASK { ?s ?p ?o }");
        for (String path : new String[] {"/mevo/sparql", "/mevo/query", "/mevo"}) {
            var r = Http.get(TestKb.baseUrl() + path + "?query=" + q, "application/sparql-results+json");
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            assertTrue(r.body().contains("\"boolean\" : true") || r.body().contains("\"boolean\":true"), r.body());
        }
    }

    @Test
    void defaultGraphIsTheUnionOfTheNamedGraphs() {
        String q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g";
        var r = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode(q), "text/tab-separated-values");
        assertEquals(200, r.statusCode());
        for (String g : new String[] {Release.ASSERTED, Release.INFERRED, Release.FLAT})
            assertTrue(r.body().contains("<" + g + ">"), "named graph " + g + " served: " + r.body());
        // an inferred triple is visible from the default graph without naming a graph
        String inferred = "ASK { GRAPH <" + Release.INFERRED + "> { ?s ?p ?o } FILTER NOT EXISTS { GRAPH <"
                + Release.ASSERTED + "> { ?s ?p ?o } } ?s ?p ?o }";
        var r2 = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode(inferred), "application/sparql-results+json");
        assertTrue(r2.body().replace(" ", "").contains("\"boolean\":true"), r2.body());
    }

    @Test
    void updatesAreRefused() {
        String update = "INSERT DATA { <urn:x> <urn:y> <urn:z> }";
        var viaSparql = Http.postForm(TestKb.sparqlUrl(), "update=" + Http.encode(update), "*/*");
        assertTrue(viaSparql.statusCode() >= 400 && viaSparql.statusCode() < 500, "update on /sparql: " + viaSparql.statusCode());
        var viaUpdate = Http.postForm(TestKb.baseUrl() + "/mevo/update", "update=" + Http.encode(update), "*/*");
        assertTrue(viaUpdate.statusCode() >= 400 && viaUpdate.statusCode() < 500, "/update: " + viaUpdate.statusCode());
        var raw = Http.send(HttpRequest.newBuilder(URI.create(TestKb.baseUrl() + "/mevo"))
                .header("Content-Type", "application/sparql-update")
                .POST(HttpRequest.BodyPublishers.ofString(update)).build());
        assertTrue(raw.statusCode() >= 400 && raw.statusCode() < 500, "sparql-update POST: " + raw.statusCode());
        var put = Http.send(HttpRequest.newBuilder(URI.create(TestKb.baseUrl() + "/mevo/get?default"))
                .header("Content-Type", "text/turtle")
                .PUT(HttpRequest.BodyPublishers.ofString("<urn:x> <urn:y> <urn:z> .")).build());
        assertTrue(put.statusCode() >= 400 && put.statusCode() < 500, "graph store PUT: " + put.statusCode());
        var still = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode("ASK { <urn:x> ?p ?o }"),
                "application/sparql-results+json");
        assertTrue(still.body().replace(" ", "").contains("\"boolean\":false"), "nothing was written: " + still.body());
    }

    @Test
    void malformedQueryGets400WithTheParseMessage() {
        var r = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode("SELECT ?x WHERE { ?x ?y }"), "*/*");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("Parse error") || r.body().contains("Encountered"), r.body());
        assertTrue(r.body().contains("line 1"), "the message locates the error: " + r.body());
    }

    @Test
    void queriesThatRunTooLongAreStoppedWithAClearMessage() {
        // a three-way cartesian product over the whole dataset cannot finish within the configured timeout
        var r = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"),
                "application/sparql-results+json");
        assertEquals(503, r.statusCode());
        assertTrue(r.body().contains("timed out"), r.body());
        var still = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode("ASK { ?s ?p ?o }"), "application/sparql-results+json");
        assertEquals(200, still.statusCode(), "the server keeps answering");
    }

    @Test
    void resultSizeCapIsHitWithAClearMessage() {
        var all = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode("SELECT * WHERE { ?s ?p ?o }"), "application/sparql-results+json");
        assertEquals(400, all.statusCode());
        assertTrue(all.body().contains("result-size cap") && all.body().contains("OFFSET"), all.body());
        var tooBig = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode("SELECT * WHERE { ?s ?p ?o } LIMIT 1000000"), "text/csv");
        assertEquals(400, tooBig.statusCode());
        var page = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode("SELECT * WHERE { ?s ?p ?o } LIMIT 100 OFFSET 200"), "text/csv");
        assertEquals(200, page.statusCode());
        assertEquals(101, page.body().split("\r?\n").length, "a page of 100 rows plus the header");
        var count = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), "text/csv");
        assertEquals(200, count.statusCode(), "aggregates over everything are fine");
    }

    @Test
    void fusekiUiIsServed() {
        var r = Http.get(TestKb.baseUrl() + "/ui/", "text/html");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("Fuseki"), r.body());
        var server = Http.get(TestKb.baseUrl() + "/$/server", "application/json");
        assertEquals(200, server.statusCode());
        assertTrue(server.body().contains("/mevo"), server.body());
    }
}
