package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.mevo.publish.Release;
import org.w3id.mevo.query.QueryOperation;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.TestKb;

/** HermiT does real work on the real ontology, and its conclusions reach the served data. */
class ReasoningTest {

    @Test
    void realOntologyIsConsistentCoherentAndYieldsInferences() {
        var s = TestKb.summary();
        assertTrue(s.inferredSubclass() > 0, "HermiT inferred subclass links: " + s.inferredSubclass());
        assertTrue(s.inferredTypes() > 0, "HermiT inferred individual types: " + s.inferredTypes());
    }

    @Test
    void definedClassInferencesAreServed() {
        // a subclass link to a defined class (owl:equivalentClass) that only HermiT found
        String subclass = """
                PREFIX owl: <http://www.w3.org/2002/07/owl#>
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                ASK { GRAPH <%s> { ?c rdfs:subClassOf ?d } ?d owl:equivalentClass ?def .
                      FILTER(STRSTARTS(STR(?c), "https://w3id.org/mevo/") || STRSTARTS(STR(?c), "http://identifiers.org/"))
                      FILTER NOT EXISTS { GRAPH <%s> { ?c rdfs:subClassOf ?d } } }""".formatted(Release.INFERRED, Release.ASSERTED);
        // an individual typed with a defined class only by inference
        String type = """
                PREFIX owl: <http://www.w3.org/2002/07/owl#>
                ASK { GRAPH <%s> { ?x a ?d } ?d owl:equivalentClass ?def . ?x a owl:NamedIndividual }""".formatted(Release.INFERRED);
        for (String q : new String[] {subclass, type}) {
            var r = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode(q), "application/sparql-results+json");
            assertTrue(r.body().replace(" ", "").contains("\"boolean\":true"), q + "\n" + r.body());
        }
    }

    @Test
    void queryCommandRunsAgainstTheBuiltReleaseWithoutAServer(@TempDir Path tmp) throws Exception {
        Path q = tmp.resolve("count.rq");
        Files.writeString(q, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + Release.INFERRED + "> { ?s ?p ?o } }");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new QueryOperation().run(new QueryOperation.Options(q, TestKb.release(), QueryOperation.Format.CSV, TestKb.prefixes()), out);
        String text = out.toString(StandardCharsets.UTF_8);
        long n = Long.parseLong(text.split("\r?\n")[1].trim());
        assertTrue(n == TestKb.summary().inferredTriples(), "query sees all inferred triples: " + text);
    }
}
