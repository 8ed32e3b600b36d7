package org.w3id.mevo.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.mevo.core.Prefixes;
import org.w3id.mevo.support.Fixture;

/** What a table cell may name: a CURIE of a declared class, or the exact label of exactly one class. */
@Tag("fast")
class TermResolverTest {
    static final String M = "https://w3id.org/mevo/MEVO_";
    static Graph tbox;
    static Prefixes prefixes;
    static TermResolver resolver;

    @BeforeAll
    static void curateTheFixture(@TempDir Path tmp) throws IOException {
        tbox = Fixture.curated(tmp).tbox();
        prefixes = Prefixes.load(tmp.resolve("ontology/prefixes.tsv"));
        resolver = new TermResolver(tbox, prefixes);
    }

    @Test
    void aCurieOfADeclaredClassAndAnExactLabelResolve() {
        assertEquals(M + "9900021", resolver.resolveClass("MEVO:9900021").iri());
        assertEquals(M + "9900021", resolver.resolveClass("fixture repair outcome").iri());
        assertEquals("http://purl.obolibrary.org/obo/ECO_0000181", resolver.resolveClass("in vitro assay evidence").iri(),
                "a term of the import module resolves by its label");
        assertTrue(resolver.resolveClass("ECO:0000181").ok());
    }

    @Test
    void aCurieIsRefusedWhenItsPrefixIsUnknownOrItIsNoClass() {
        TermResolver.Resolution unknownPrefix = resolver.resolveClass("GO:0005575");
        assertFalse(unknownPrefix.ok());
        assertNull(unknownPrefix.iri());
        assertEquals("unknown prefix 'GO' in 'GO:0005575' (see ontology/prefixes.tsv)", unknownPrefix.problem());
        assertEquals("'MEVO:9900001' is not a class of the ontology (add it to an imports table or a component)",
                resolver.resolveClass("MEVO:9900001").problem(), "a property is not a class");
        assertFalse(resolver.resolveClass("MEVO:9909999").ok(), "an undeclared IRI is no class");
    }

    @Test
    void aLabelInTheWrongCaseIsRefusedWithAHint() {
        assertEquals("unknown label 'Fixture Claim' (did you mean [MEVO:9900010]?)", resolver.resolveClass("Fixture Claim").problem());
        assertEquals("unknown label 'no such thing'", resolver.resolveClass("no such thing").problem());
    }

    @Test
    void aLabelSharedByTwoClassesIsAmbiguousUnlessTheyAreEquivalent() {
        Graph g = copy(tbox);
        declare(g, "http://purl.obolibrary.org/obo/ECO_9999999", "fixture repair outcome");
        TermResolver r = new TermResolver(g, prefixes);
        String problem = r.resolveClass("fixture repair outcome").problem();
        assertTrue(problem.startsWith("label 'fixture repair outcome' is ambiguous: [") && problem.endsWith("]; use a CURIE")
                && problem.contains("MEVO:9900021") && problem.contains("ECO:9999999"), problem);

        g.add(Triple.create(NodeFactory.createURI("http://purl.obolibrary.org/obo/ECO_9999999"), OWL2.equivalentClass.asNode(),
                NodeFactory.createURI(M + "9900021")));
        assertEquals(M + "9900021", new TermResolver(g, prefixes).resolveClass("fixture repair outcome").iri(),
                "equivalent classes sharing a label: MEVO's own is taken");
    }

    @Test
    void aLabelThatLooksLikeACurieResolvesAsALabel() {
        Graph g = copy(tbox);
        declare(g, M + "9900099", "IL:6");
        assertEquals(M + "9900099", new TermResolver(g, prefixes).resolveClass("IL:6").iri());
    }

    static Graph copy(Graph g) {
        Graph c = GraphFactory.createDefaultGraph();
        g.find().forEach(c::add);
        return c;
    }

    static void declare(Graph g, String iri, String label) {
        g.add(Triple.create(NodeFactory.createURI(iri), RDF.type.asNode(), OWL2.Class.asNode()));
        g.add(Triple.create(NodeFactory.createURI(iri), RDFS.label.asNode(), NodeFactory.createLiteralString(label)));
    }
}
