package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.Processes;
import org.w3id.mevo.support.TestKb;

/**
 * SPARQL 1.1 Service Description at each query endpoint URL (GET without a query), read by a real RDF client: Debian's
 * rdflib (python3-rdflib, installed by tools/test-setup.sh) fetches the URL with its own content negotiation, parses
 * Turtle, JSON-LD and RDF/XML, and finds the service, its endpoint (the URL it fetched), the link to VoID and VoID's counts.
 */
class ServiceDescriptionTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String READER = "src/test/python/read_service_description.py";
    private static final String SD = "http://www.w3.org/ns/sparql-service-description#";

    @BeforeAll
    static void pythonHasRdflib() throws Exception {
        var r = Processes.run(List.of(PYTHON, "-c", "import rdflib"), 60);
        assertEquals(0, r.exit(), "Debian's python3 cannot import rdflib; run `bash tools/test-setup.sh` (as root): " + r.err());
    }

    /** VoID counts the triples of every named graph but its own (it is computed before it exists). */
    private static long triplesInNamedGraphs() {
        var r = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/mevo/graph/void>) }"), "text/csv");
        return Long.parseLong(r.body().split("\r?\n")[1].trim());
    }

    @Test
    void rdflibReadsTheServiceDescriptionAtEveryQueryEndpointInEveryFormat() throws Exception {
        long triples = triplesInNamedGraphs();
        for (String path : new String[] {"/mevo/sparql", "/mevo/query", "/mevo"}) {
            String url = TestKb.baseUrl() + path;
            for (String format : new String[] {null, "turtle", "json-ld", "xml"}) {
                List<String> cmd = format == null ? List.of(PYTHON, READER, url) : List.of(PYTHON, READER, url, format);
                var r = Processes.run(cmd, 120);
                assertEquals(0, r.exit(), "rdflib could not read " + url + " as " + format + ":\n" + r.err());
                JsonObject sd = JSON.parse(r.out());
                String what = url + " (" + format + "): " + r.out();
                assertEquals(List.of(url), strings(sd, "endpoints"), "sd:endpoint is the URL asked: " + what);
                assertEquals(List.of(url), strings(sd, "services"), what);
                assertTrue(strings(sd, "languages").contains(SD + "SPARQL11Query"), what);
                assertTrue(strings(sd, "formats").contains("http://www.w3.org/ns/formats/SPARQL_Results_JSON"), what);
                assertEquals(List.of(TestKb.baseUrl() + "/void"), strings(sd, "seeAlso"), "links to VoID: " + what);
                assertEquals(List.of(url), strings(sd, "voidEndpoints"), "the VoID dataset names this endpoint: " + what);
                assertEquals(List.of(String.valueOf(triples)), strings(sd, "voidTriples"), "VoID counts the served triples: " + what);
            }
        }
    }

    @Test
    void theLinkedVoidAnswersAndQueriesStillWork() {
        var v = Http.get(TestKb.baseUrl() + "/void", "text/turtle");
        assertEquals(200, v.statusCode());
        assertTrue(v.body().contains("void:Dataset") || v.body().contains("rdfs.org/ns/void#Dataset"), v.body());
        var ttl = Http.get(TestKb.sparqlUrl(), "text/turtle");
        assertEquals(200, ttl.statusCode());
        assertTrue(ttl.headers().firstValue("Content-Type").orElse("").startsWith("text/turtle"), ttl.headers().toString());
        var browser = Http.get(TestKb.sparqlUrl(), "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        assertEquals(303, browser.statusCode(), "a browser is sent to the query page");
        assertEquals("/editor.html", browser.headers().firstValue("Location").orElse(""));
        var q = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode("ASK { ?s ?p ?o }"), "application/sparql-results+json");
        assertEquals(200, q.statusCode());
        assertTrue(q.body().contains("true"), q.body());
    }

    private static List<String> strings(JsonObject o, String key) {
        return o.get(key).getAsArray().stream().map(j -> j.isString() ? j.getAsString().value() : j.toString()).toList();
    }
}
