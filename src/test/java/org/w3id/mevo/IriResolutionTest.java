package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.TestKb;

/**
 * Every kind of MEVO IRI answers on the local server ({@code https://w3id.org/mevo/X} is {@code /X}) with the right
 * artefact by content negotiation: the ontology IRIs, the versionIRIs, the import and component module IRIs; and term
 * pages list the records about the term, its subclasses and the classes that point to it, grouped and paged.
 */
class IriResolutionTest {
    private static final String BASE = "https://w3id.org/mevo/";

    private static String local(String iri) { return TestKb.baseUrl() + "/" + iri.substring(BASE.length()); }

    private static Graph parse(String body, Lang lang) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).lang(lang).parse(g);
        return g;
    }

    private static String type(java.net.http.HttpResponse<String> r) { return r.headers().firstValue("Content-Type").orElse(""); }

    private static boolean isOntology(Graph g, String iri) {
        return g.contains(NodeFactory.createURI(iri), RDF.type.asNode(), OWL2.Ontology.asNode());
    }

    @Test
    void theOntologyIriAnswersEveryFormatByContentNegotiation() {
        String iri = BASE + "mevo.owl";
        var xml = Http.get(local(iri), "*/*");
        assertEquals(200, xml.statusCode());
        assertTrue(type(xml).startsWith("application/rdf+xml"), type(xml));
        Graph g = parse(xml.body(), Lang.RDFXML);
        assertTrue(isOntology(g, iri), "RDF/XML holds the ontology header");
        assertTrue(type(Http.get(local(iri), "text/html,application/xhtml+xml,*/*;q=0.8")).startsWith("application/rdf+xml"), "a browser gets the file too");
        for (var f : List.of(List.of("text/turtle", Lang.TURTLE), List.of("application/ld+json", Lang.JSONLD),
                List.of("application/n-triples", Lang.NTRIPLES))) {
            var r = Http.get(local(iri), (String) f.get(0));
            assertEquals(200, r.statusCode(), f.get(0).toString());
            assertTrue(type(r).startsWith((String) f.get(0)), f.get(0) + " -> " + type(r));
            assertTrue(parse(r.body(), (Lang) f.get(1)).isIsomorphicWith(g), f.get(0) + " says the same as the RDF/XML");
        }
        var obo = Http.get(local(iri), "text/obo");
        assertTrue(type(obo).startsWith("text/obo") && obo.body().startsWith("format-version:")
                && obo.body().contains("ontology: " + iri), "OBO edition: " + obo.body().substring(0, 200));
        var json = Http.get(local(iri), "application/json");
        assertTrue(type(json).startsWith("application/json") && json.body().contains("\"graphs\"") && json.body().contains(iri), "OBO Graphs JSON");
        var oboFile = Http.get(local(BASE + "mevo.obo"), "*/*");
        assertEquals(200, oboFile.statusCode());
        assertTrue(oboFile.body().startsWith("format-version:"));
        var base = Http.get(local(BASE + "mevo-base.owl"), "text/turtle");
        assertEquals(200, base.statusCode());
        assertTrue(isOntology(parse(base.body(), Lang.TURTLE), BASE + "mevo-base.owl"), "the base module answers its IRI");
    }

    @Test
    void everyVersionIriOfTheReleaseAnswersAndOtherVersionsAreNamedMissing() throws Exception {
        Set<String> versions = new TreeSet<>();
        Pattern p = Pattern.compile("(https://w3id\\.org/mevo/releases/[^\"<> \\n]+)");
        for (String f : List.of("mevo.owl", "mevo-full.owl", "mevo-base.owl", "mevo.obo", "mevo.json")) {
            Matcher m = p.matcher(java.nio.file.Files.readString(TestKb.release().resolve(f)));
            while (m.find()) versions.add(m.group(1));
        }
        var fromData = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode(
                "SELECT DISTINCT ?v { ?o <http://www.w3.org/2002/07/owl#versionIRI> ?v }"), "text/csv").body().split("\r?\n");
        for (int i = 1; i < fromData.length; i++) versions.add(fromData[i].trim());
        assertTrue(versions.size() >= 4, "versionIRIs of the release files and the data: " + versions);
        String date = null;
        for (String v : versions) {
            var r = Http.get(local(v), "*/*");
            assertEquals(200, r.statusCode(), v + ": " + r.body());
            String file = v.substring(v.lastIndexOf('/') + 1);
            date = v.substring((BASE + "releases/").length(), v.lastIndexOf('/'));
            if (file.endsWith(".owl")) {
                Graph g = parse(r.body(), Lang.RDFXML);
                assertFalse(g.find(Node.ANY, RDF.type.asNode(), OWL2.Ontology.asNode()).toList().isEmpty(), v + " is an ontology");
                assertTrue(parse(Http.get(local(v), "text/turtle").body(), Lang.TURTLE).isIsomorphicWith(g), v + " as Turtle");
            } else {
                assertTrue(r.body().contains(BASE + "mevo.owl"), v + " is MEVO's " + file);
            }
        }
        var old = Http.get(TestKb.baseUrl() + "/releases/1999-01-01/mevo.owl", "*/*");
        assertEquals(404, old.statusCode());
        assertTrue(old.body().contains("this server serves release " + date), old.body());
    }

    @Test
    void everyImportedModuleIriAnswers() {
        Graph edit = RDFDataMgr.loadGraph(TestKb.layout().editFile().toString());
        List<String> modules = new ArrayList<>();
        edit.find(Node.ANY, OWL2.imports.asNode(), Node.ANY).forEachRemaining(t -> modules.add(t.getObject().getURI()));
        assertTrue(modules.stream().anyMatch(m -> m.contains("/imports/")) && modules.stream().anyMatch(m -> m.contains("/components/")), modules.toString());
        for (String m : modules) {
            var xml = Http.get(local(m), "*/*");
            assertEquals(200, xml.statusCode(), m);
            assertTrue(type(xml).startsWith("application/rdf+xml"), m + " " + type(xml));
            Graph g = parse(xml.body(), Lang.RDFXML);
            assertTrue(isOntology(g, m), m + " answers its own ontology");
            assertTrue(g.size() > 3, m + " has content");
            var ttl = Http.get(local(m), "text/turtle");
            assertTrue(parse(ttl.body(), Lang.TURTLE).isIsomorphicWith(g), m + " as Turtle");
        }
        assertEquals(404, Http.get(TestKb.baseUrl() + "/imports/nothing_import.owl", "*/*").statusCode());
    }

    private static Set<String> claimLinks(String html) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("<tr><td><a href=\"/(MEVO_1[0-9]{6})\"").matcher(html);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    @Test
    void termPagesListClaimsAboutSubclassesGroupedAndPaged() {
        // claims pointing (flattened graph) at any subclass of "reported vesicle preparation type", per SPARQL
        String csv = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode("""
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                SELECT DISTINCT ?claim WHERE {
                  ?sub rdfs:subClassOf+ <https://w3id.org/mevo/MEVO_0000830>
                  GRAPH <https://w3id.org/mevo/graph/flat> { ?claim ?p ?sub }
                  ?claim a <https://w3id.org/mevo/MEVO_0000078> }"""), "text/csv").body();
        Set<String> expected = new TreeSet<>();
        for (String line : csv.split("\r?\n")) if (line.startsWith(BASE)) expected.add(line.trim().substring(BASE.length()));
        assertTrue(expected.size() > org.w3id.mevo.serve.EntityPages.PAGE_SIZE, "enough claims to need paging: " + expected.size());
        Set<String> seen = new TreeSet<>();
        String first = Http.get(TestKb.baseUrl() + "/MEVO_0000830", "text/html").body();
        assertTrue(first.contains("<tr class=\"group\"><th colspan=\"4\"><a href=\"/MEVO_0000831\">"), "grouped by subclass: " + first);
        assertTrue(first.contains("rel=\"next\" href=\"?page=2\""), "a next-page link");
        for (int page = 1; page < 50; page++) {
            String html = Http.get(TestKb.baseUrl() + "/MEVO_0000830?page=" + page, "text/html").body();
            int rows = html.split("<tr><td>", -1).length - 1;
            assertTrue(rows <= org.w3id.mevo.serve.EntityPages.PAGE_SIZE, "page " + page + " has " + rows + " rows");
            seen.addAll(claimLinks(html));
            if (!html.contains("rel=\"next\"")) break;
        }
        assertEquals(expected, seen, "every claim about a subclass appears on some page");
        String exosome = Http.get(TestKb.baseUrl() + "/MEVO_0000102", "text/html").body();
        assertTrue(exosome.contains("<a href=\"/MEVO_0000215\">exosome release (MEVO:0000215)</a> <span class=\"small\">(points to it"),
                "classes that point to exosome are listed as groups: " + exosome);
        // 'preparation reported as exosomes' points at exosome by MEVO:0000859 (reported under the name of), an
        // annotation copied into the flat graph: every claim on such preparations is listed on exosome's pages
        assertTrue(exosome.contains("<a href=\"/MEVO_0000831\">preparation reported as exosomes (MEVO:0000831)</a> <span class=\"small\">(points to it: reported under the name of)"),
                "preparations reported as exosomes are a group of exosome's page: " + exosome);
        String reported = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode("""
                SELECT DISTINCT ?claim WHERE {
                  GRAPH <https://w3id.org/mevo/graph/flat> { ?claim ?p <https://w3id.org/mevo/MEVO_0000831> }
                  ?claim a <https://w3id.org/mevo/MEVO_0000078> }"""), "text/csv").body();
        Set<String> onPreparations = new TreeSet<>();
        for (String line : reported.split("\r?\n")) if (line.startsWith(BASE)) onPreparations.add(line.trim().substring(BASE.length()));
        assertTrue(onPreparations.size() > 20, "claims on preparations reported as exosomes: " + onPreparations.size());
        Set<String> onExosomePages = new TreeSet<>();
        for (int page = 1; page < 50; page++) {
            String html = Http.get(TestKb.baseUrl() + "/MEVO_0000102?page=" + page, "text/html").body();
            onExosomePages.addAll(claimLinks(html));
            if (!html.contains("rel=\"next\"")) break;
        }
        assertTrue(onExosomePages.containsAll(onPreparations), "exosome's pages list every claim on preparations reported as exosomes; missing: "
                + onPreparations.stream().filter(c -> !onExosomePages.contains(c)).toList());
    }
}
