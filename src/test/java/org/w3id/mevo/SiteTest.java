package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.core.SparqlFiles;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.TestKb;

/** What a person or a program finds around the endpoint: landing page, examples, text search, self-description, entity pages. */
class SiteTest {

    private static String csv(String q) {
        var r = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode(q), "text/csv");
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static Graph parse(String body, Lang lang) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).lang(lang).parse(g);
        return g;
    }

    @Test
    void landingPageLinksQueryUiExamplesDownloadsAndTopClasses() {
        var r = Http.get(TestKb.baseUrl() + "/", "text/html");
        assertEquals(200, r.statusCode());
        for (String link : new String[] {"/editor.html", "/query.html", "/ui/", "/void", "/download/mevo-full.owl", "/MEVO_0000100", "/MEVO_0000078"})
            assertTrue(r.body().contains("href=\"" + link + "\""), "landing page links " + link);
        assertEquals(200, Http.get(TestKb.baseUrl() + "/query.html", "text/html").statusCode());
        assertEquals(200, Http.get(TestKb.baseUrl() + "/query.js", "*/*").statusCode());
        assertEquals(200, Http.get(TestKb.baseUrl() + "/editor.html", "text/html").statusCode());
        // the editor's YASGUI bundle (npm ci in tools/site-build) is served by MEVO itself, and the prefixes come from prefixes.tsv
        var js = Http.get(TestKb.baseUrl() + "/yasgui/yasgui.min.js", "*/*");
        assertEquals(200, js.statusCode(), "YASGUI is served locally (./mevo test installs it)");
        assertTrue(js.body().length() > 100_000, "the prebuilt bundle: " + js.body().length() + " chars");
        assertEquals(200, Http.get(TestKb.baseUrl() + "/yasgui/yasgui.min.css", "*/*").statusCode());
        var prefixes = org.apache.jena.atlas.json.JSON.parse(Http.get(TestKb.baseUrl() + "/prefixes.json", "application/json").body());
        TestKb.prefixes().asMap().forEach((p, ns) -> assertEquals(ns, prefixes.get(p).getAsString().value(), "prefix " + p));
        assertEquals(200, Http.get(TestKb.baseUrl() + "/ui/", "text/html").statusCode());
        var redirect = Http.get(TestKb.baseUrl() + "/ui/$/server", "application/json");
        assertTrue(redirect.statusCode() == 307 || redirect.statusCode() == 200, "UI API calls reach Fuseki: " + redirect.statusCode());
    }

    @Test
    void everyCompetencyQueryIsPublishedAsAnExecutableExample() throws Exception {
        var files = SparqlFiles.list(TestKb.layout().queriesDir());
        assertTrue(files.size() >= 30, "at least 30 documented examples: " + files.size());
        String body = csv("""
                PREFIX sh: <http://www.w3.org/ns/shacl#>
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                SELECT (COUNT(DISTINCT ?ex) AS ?n) WHERE { GRAPH <https://w3id.org/mevo/graph/examples> {
                  ?ex a sh:SPARQLExecutable ; rdfs:comment ?c . { ?ex sh:select ?q } UNION { ?ex sh:ask ?q } } }""");
        assertEquals(files.size(), Integer.parseInt(body.split("\r?\n")[1].trim()));
        String one = Files.readString(files.get(0), StandardCharsets.UTF_8);
        var r = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode("PREFIX sh: <http://www.w3.org/ns/shacl#> SELECT ?q WHERE { <https://w3id.org/mevo/examples/"
                + SparqlFiles.read(files.get(0)).name() + "> sh:select|sh:ask ?q }"), "application/sparql-results+json");
        assertTrue(r.body().contains(one.substring(0, 40).replace("\"", "\\\"")), "the example holds the query text");
    }

    @Test
    void textSearchFindsTermsAndClaims() {
        String body = csv("""
                PREFIX text: <http://jena.apache.org/text#>
                SELECT DISTINCT ?s WHERE { (?s ?score) text:query "hypoxia" }""");
        assertTrue(body.contains("https://w3id.org/mevo/MEVO_0000844"), "the term 'hypoxic preconditioning': " + body);
        assertTrue(body.matches("(?s).*https://w3id.org/mevo/MEVO_100[01][0-9]{3}\\b.*"), "at least one claim: " + body);
    }

    @Test
    void serviceDescriptionAndVoidAreServedAndAgreeWithTheData() {
        var r = Http.get(TestKb.baseUrl() + "/void", "text/turtle");
        assertEquals(200, r.statusCode());
        Graph g = parse(r.body(), Lang.TURTLE);
        String sd = "http://www.w3.org/ns/sparql-service-description#";
        String v = "http://rdfs.org/ns/void#";
        assertTrue(g.contains(org.apache.jena.graph.NodeFactory.createURI("https://w3id.org/mevo/sparql"),
                org.apache.jena.vocabulary.RDF.type.asNode(), org.apache.jena.graph.NodeFactory.createURI(sd + "Service")));
        String claims = csv("PREFIX mevo: <https://w3id.org/mevo/MEVO_> SELECT (COUNT(DISTINCT ?c) AS ?n) { ?c a mevo:0000078 }").split("\r?\n")[1].trim();
        String voidClaims = csv("PREFIX void: <" + v + "> PREFIX mevo: <https://w3id.org/mevo/MEVO_> SELECT ?n { GRAPH <https://w3id.org/mevo/graph/void> { ?p void:class mevo:0000078 ; void:entities ?n } }").split("\r?\n")[1].trim();
        assertEquals(claims, voidClaims, "VoID counts the claims");
        String links = csv("PREFIX void: <" + v + "> SELECT (COUNT(?l) AS ?n) { GRAPH <https://w3id.org/mevo/graph/void> { ?l a void:Linkset ; void:triples ?t } }").split("\r?\n")[1].trim();
        assertTrue(Integer.parseInt(links) >= 8, "linksets to external ontologies: " + links);
    }

    @Test
    void termIrisDereferenceToHtmlTurtleAndJsonLd() {
        var html = Http.get(TestKb.baseUrl() + "/MEVO_0000102", "text/html");
        assertEquals(200, html.statusCode());
        assertTrue(html.body().contains("id=\"title\">exosome<") && html.body().contains("id=\"definition\"")
                && html.body().contains("id=\"parents\""), html.body());
        var ttl = Http.get(TestKb.baseUrl() + "/MEVO_0000102", "text/turtle");
        assertEquals(200, ttl.statusCode());
        assertTrue(ttl.headers().firstValue("Content-Type").orElse("").startsWith("text/turtle"));
        Graph g = parse(ttl.body(), Lang.TURTLE);
        assertTrue(g.contains(org.apache.jena.graph.NodeFactory.createURI("https://w3id.org/mevo/MEVO_0000102"),
                org.apache.jena.vocabulary.RDFS.label.asNode(), org.apache.jena.graph.NodeFactory.createLiteralString("exosome")));
        var jsonld = Http.get(TestKb.baseUrl() + "/MEVO_0000102", "application/ld+json");
        assertEquals(200, jsonld.statusCode());
        assertTrue(parse(jsonld.body(), Lang.JSONLD).isIsomorphicWith(g), "JSON-LD and Turtle say the same");
        var missing = Http.get(TestKb.baseUrl() + "/MEVO_0999999", "text/html");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("Not found"));
        int traversal = Http.get(TestKb.baseUrl() + "/download/..%2Fpom.xml", "*/*").statusCode();
        assertTrue(traversal == 400 || traversal == 404, "no path traversal out of the release folder: " + traversal);
        assertEquals(404, Http.get(TestKb.baseUrl() + "/download/nope.owl", "*/*").statusCode());
        assertEquals(200, Http.get(TestKb.baseUrl() + "/download/mevo.obo", "*/*").statusCode());
    }

    @Test
    void termPageListsTheClaimsThatMentionItWithTheirPubMedLinks() {
        // a term used by a claim whose study has a PubMed link
        String row = csv("""
                PREFIX mevo: <https://w3id.org/mevo/MEVO_>
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                SELECT ?term ?claim ?link WHERE {
                  GRAPH <https://w3id.org/mevo/graph/flat> { ?claim mevo:0000038 ?term }
                  FILTER(STRSTARTS(STR(?term), "https://w3id.org/mevo/MEVO_") || STRSTARTS(STR(?term), "http://purl.obolibrary.org/obo/MONDO_"))
                  ?claim mevo:0000043 ?study . ?study rdfs:seeAlso ?link FILTER(CONTAINS(STR(?link), "pubmed"))
                  FILTER(STRSTARTS(STR(?term), "https://w3id.org/mevo/"))
                } ORDER BY ?term LIMIT 1""").split("\r?\n")[1];
        String[] c = row.split(",");
        String path = "/" + c[0].substring("https://w3id.org/mevo/".length());
        var page = Http.get(TestKb.baseUrl() + path, "text/html");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("id=\"mentions\""), page.body());
        assertTrue(page.body().contains("href=\"/" + c[1].substring("https://w3id.org/mevo/".length()) + "\""), "links the claim");
        assertTrue(page.body().contains("href=\"" + c[2].trim() + "\""), "links its PubMed record " + c[2]);
    }

    @Test
    void resultsComeInAllFormatsWithCors() {
        String q = Http.encode("SELECT ?s WHERE { ?s a <https://w3id.org/mevo/MEVO_0000078> } LIMIT 2");
        for (String accept : new String[] {"application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"}) {
            var r = Http.get(TestKb.sparqlUrl() + "?query=" + q, accept);
            assertEquals(200, r.statusCode(), accept);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(accept), accept + " -> " + r.headers().firstValue("Content-Type"));
        }
        var cors = Http.send(HttpRequest.newBuilder(URI.create(TestKb.sparqlUrl() + "?query=" + q))
                .header("Origin", "http://example.org").header("Accept", "application/sparql-results+json").GET().build());
        assertTrue(cors.headers().firstValue("Access-Control-Allow-Origin").isPresent(), "CORS header on GET queries");
    }
}
