package org.w3id.mevo.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.support.TestKb;

/**
 * The SERVICE guard of {@link CappedQueryProcessor}: which endpoints a query names (wherever the SERVICE hides), and
 * which of them the allow-list admits. The HTTP side (400 with this message) is in {@code HostileInputTest} and
 * {@code FederationTest}.
 */
@Tag("fast")
class ServiceAllowListTest {
    static final String UNIPROT = "https://sparql.uniprot.org/sparql";
    static final String WIKIDATA = "https://query.wikidata.org/sparql";

    static Node iri(String s) { return NodeFactory.createURI(s); }

    static Set<Node> services(String query) { return CappedQueryProcessor.serviceNodes(QueryFactory.create(query)); }

    @Test
    void anEndpointOnTheListIsAdmittedExactly() {
        List<String> list = List.of(UNIPROT, WIKIDATA);
        assertNull(CappedQueryProcessor.refusal(iri(UNIPROT), list));
        assertNull(CappedQueryProcessor.refusal(iri(WIKIDATA), list));
        String refused = CappedQueryProcessor.refusal(iri(UNIPROT + "/"), list);
        assertEquals("MEVO: SERVICE <" + UNIPROT + "/> is not allowed: this endpoint only makes SERVICE calls to the endpoints"
                + " in its allow-list (mevo:serviceAllowList). Allowed SERVICE endpoints: " + UNIPROT + " " + WIKIDATA, refused);
        assertTrue(CappedQueryProcessor.refusal(iri("http://sparql.uniprot.org/sparql"), list) != null, "another scheme");
    }

    @Test
    void aStarEntryAdmitsEveryIriStartingWithTheRest() {
        List<String> list = List.of("http://127.0.0.1:*");
        assertNull(CappedQueryProcessor.refusal(iri("http://127.0.0.1:41234/ds/sparql"), list));
        assertTrue(CappedQueryProcessor.refusal(iri("http://127.0.0.10/sparql"), list) != null);
        assertTrue(CappedQueryProcessor.refusal(iri("http://localhost:41234/sparql"), list) != null);
    }

    @Test
    void userInfoVariablesAndRelativeIrisAreNeverAdmitted() {
        List<String> any = List.of("https://*", "http://*");
        assertNull(CappedQueryProcessor.refusal(iri(UNIPROT), any));
        assertTrue(CappedQueryProcessor.refusal(iri("https://user:secret@sparql.uniprot.org/sparql"), any) != null, "user info");
        assertTrue(CappedQueryProcessor.refusal(iri("https:///sparql"), any) != null, "no host");
        String variable = CappedQueryProcessor.refusal(NodeFactory.createVariable("endpoint"), any);
        assertTrue(variable.startsWith("MEVO: SERVICE with a variable endpoint (?endpoint) is not allowed; name the endpoint."), variable);
    }

    @Test
    void anEmptyListAdmitsNothingAndSaysSo() {
        assertTrue(CappedQueryProcessor.refusal(iri(UNIPROT), List.of())
                .endsWith("Allowed SERVICE endpoints: none: this endpoint makes no SERVICE calls"));
    }

    @Test
    void everySERVICEInTheQueryIsFoundWhereverItIs() {
        String p = "PREFIX : <https://w3id.org/mevo/MEVO_> ";
        assertEquals(Set.of(), services(p + "SELECT * { ?s ?p ?o }"));
        assertEquals(Set.of(iri("https://a/sparql")), services(p + "SELECT * { SERVICE <https://a/sparql> { ?s ?p ?o } }"));
        assertEquals(Set.of(iri("https://b/sparql")),
                services(p + "SELECT * { { SELECT ?s { SERVICE <https://b/sparql> { ?s ?p ?o } } LIMIT 1 } }"), "sub-query");
        assertEquals(Set.of(iri("https://c/sparql")),
                services(p + "SELECT * { ?s ?p ?o FILTER EXISTS { SERVICE <https://c/sparql> { ?s ?p ?o } } }"), "FILTER EXISTS");
        assertEquals(Set.of(iri("https://d/sparql")),
                services(p + "SELECT * { ?s ?p ?o } ORDER BY (EXISTS { SERVICE <https://d/sparql> { ?s ?p ?o } })"), "ORDER BY");
        assertEquals(Set.of(iri("https://e/sparql")), services(p
                + "SELECT ?s (COUNT(EXISTS { SERVICE <https://e/sparql> { ?s ?p ?o } }) AS ?n) { ?s ?p ?o } GROUP BY ?s"), "aggregate");
        assertEquals(Set.of(iri("https://f/sparql")), services(p
                + "SELECT ?g { ?s ?p ?o } GROUP BY (EXISTS { SERVICE <https://f/sparql> { ?s ?p ?o } } AS ?g)"), "GROUP BY");
        Set<Node> variable = services(p + "SELECT * { ?e ?p ?o SERVICE ?e { ?s ?p ?o } }");
        assertEquals(1, variable.size());
        assertTrue(variable.iterator().next().isVariable() && variable.iterator().next().getName().equals("e"), "variable: " + variable);
        assertEquals(Set.of(iri("https://a/sparql"), iri("https://g/sparql")), services(p
                + "ASK { SERVICE <https://a/sparql> { ?s ?p ?o } OPTIONAL { SERVICE SILENT <https://g/sparql> { ?s ?p ?x } } }"));
    }

    @Test
    void theServedConfigurationAdmitsUniProtAndWikidataOnly() {
        List<String> list = ServerSettings.read(TestKb.layout().fusekiConfig()).serviceAllowList();
        assertEquals(List.of(UNIPROT, WIKIDATA), list);
        assertTrue(CappedQueryProcessor.refusal(iri("http://127.0.0.1:8080/sparql"), list) != null, "no loopback in production");
    }

    /**
     * The fast path that skips the allow-list walk must never skip a query that has a SERVICE: every query whose
     * parse finds one is flagged, also when the keyword is written in another case or through a unicode escape.
     */
    @Test
    void theNoServiceFastPathNeverSkipsAQueryWithAService() {
        String p = "PREFIX : <https://w3id.org/mevo/MEVO_> ";
        List<String> withService = List.of(
                p + "SELECT * { SERVICE <https://a/sparql> { ?s ?p ?o } }",
                p + "SELECT * { sErViCe <https://a/sparql> { ?s ?p ?o } }",
                p + "SELECT * { ?s ?p ?o FILTER EXISTS { service silent <https://c/sparql> { ?s ?p ?o } } }",
                p + "SELECT * { \\u0053ERVICE <https://a/sparql> { ?s ?p ?o } }",
                p + "SELECT * { \\U00000073ervice <https://a/sparql> { ?s ?p ?o } }");
        for (String q : withService) {
            // Jena 5.6 rejects a keyword written with escapes; a parser that decoded them first would find the SERVICE
            boolean escaped = q.contains("\\u") || q.contains("\\U");
            if (!escaped) assertEquals(1, services(q).size(), "the parser finds the SERVICE in " + q);
            assertTrue(CappedQueryProcessor.mayHoldService(q), q);
        }
        assertEquals(false, CappedQueryProcessor.mayHoldService(p + "SELECT * { ?s ?p ?o } LIMIT 3"));
        assertEquals(false, CappedQueryProcessor.mayHoldService("ASK {}"));
        assertEquals(false, CappedQueryProcessor.mayHoldService("SERVIC"));
        assertTrue(CappedQueryProcessor.mayHoldService(p + "SELECT * { ?s ?p \"customer service\" }"), "a literal may say it: walk anyway");
    }
}
