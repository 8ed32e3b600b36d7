package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.TestKb;

/** Relations explained: VoID and the landing page list every declared property with label, definition, domain, range, example. */
class RelationsTest {

    private static String[] tsv(String q) {
        var r = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode(q), "text/tab-separated-values");
        assertEquals(200, r.statusCode(), r.body());
        return r.body().split("\r?\n");
    }

    private static Set<String> column(String q) {
        Set<String> out = new TreeSet<>();
        String[] rows = tsv(q);
        for (int i = 1; i < rows.length; i++) out.add(rows[i].split("\t")[0]);
        return out;
    }

    @Test
    void voidHasAPropertyPartitionForEveryDeclaredPropertyWithAnExampleFromTheData() {
        Set<String> declared = column("""
                PREFIX owl: <http://www.w3.org/2002/07/owl#>
                SELECT DISTINCT ?p { GRAPH <https://w3id.org/mevo/graph/asserted> { ?p a ?k FILTER(isIRI(?p))
                  VALUES ?k { owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty } } }""");
        Set<String> described = column("""
                PREFIX void: <http://rdfs.org/ns/void#>
                SELECT DISTINCT ?p { GRAPH <https://w3id.org/mevo/graph/void> { <https://w3id.org/mevo/void#dataset> void:propertyPartition ?pp . ?pp void:property ?p } }""");
        assertTrue(declared.size() > 40, declared.toString());
        assertEquals(declared, described, "VoID describes every declared property");
        // each example triple is really in the data
        String[] ex = tsv("""
                PREFIX void: <http://rdfs.org/ns/void#>
                PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
                PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
                SELECT ?s ?p ?o ?inData { GRAPH <https://w3id.org/mevo/graph/void> { ?pp void:property ?p ; skos:example ?e .
                  ?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }
                  BIND(EXISTS { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/mevo/graph/void>) } AS ?inData) }""");
        assertTrue(ex.length > 30, "examples: " + ex.length);
        for (int i = 1; i < ex.length; i++) assertTrue(ex[i].endsWith("true"), "example triple not in the data: " + ex[i]);
    }

    @Test
    void relationsTableOnItsPageAndOnTheLandingPage() {
        var page = Http.get(TestKb.baseUrl() + "/relations", "text/html");
        assertEquals(200, page.statusCode());
        String html = page.body();
        int rows = html.split("<tr><td>", -1).length - 1;
        int declared = tsv("""
                PREFIX owl: <http://www.w3.org/2002/07/owl#>
                SELECT DISTINCT ?p { GRAPH <https://w3id.org/mevo/graph/asserted> { ?p a ?k FILTER(isIRI(?p))
                  VALUES ?k { owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty } } }""").length - 1;
        assertEquals(declared, rows, "one row per declared property");
        String[] cargo = tsv("""
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                SELECT ?label ?def { <https://w3id.org/mevo/MEVO_0000033> rdfs:label ?label ; <http://purl.obolibrary.org/obo/IAO_0000115> ?def }""")[1].split("\t");
        String label = cargo[0].substring(1, cargo[0].lastIndexOf('"'));
        String def = cargo[1].substring(1, cargo[1].lastIndexOf('"'));
        Matcher m = Pattern.compile("<tr><td><a href=\"/MEVO_0000033\">" + Pattern.quote(label + " (MEVO:0000033)") + "</a></td>(.*?)</tr>").matcher(html);
        assertTrue(m.find(), "a row for MEVO:0000033 labelled " + label);
        String row = m.group(1);
        assertTrue(row.contains(org.w3id.mevo.serve.EntityPages.esc(def)), "its definition: " + row);
        assertTrue(row.contains("&rarr; <i>" + label + "</i> &rarr;"), "an example triple: " + row);
        String fragment = Http.get(TestKb.baseUrl() + "/relations?fragment", "text/html").body();
        assertTrue(fragment.startsWith("<table id=\"relations\">"), fragment.substring(0, 100));
        String landing = Http.get(TestKb.baseUrl() + "/", "text/html").body();
        assertTrue(landing.contains("fetch('/relations?fragment')") && landing.contains("id=\"relations-table\""), "the landing page embeds the table");
    }
}
