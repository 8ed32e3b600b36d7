package org.w3id.mevo.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Blank node labels derived from content make equal input serialise to equal bytes. */
@Tag("fast")
class CanonicalBlankNodesTest {
    static final String TTL = """
            @prefix owl: <http://www.w3.org/2002/07/owl#> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            @prefix : <https://w3id.org/mevo/MEVO_> .
            :9900012 owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( :9900010
                [ a owl:Restriction ; owl:onProperty :9900002 ; owl:someValuesFrom :9900011 ] ) ] .
            :9900021 rdfs:subClassOf [ a owl:Restriction ; owl:onProperty :9900001 ; owl:someValuesFrom :9900020 ] .
            :9900022 rdfs:subClassOf [ a owl:Restriction ; owl:onProperty :9900001 ; owl:someValuesFrom :9900020 ] .
            """;

    static Graph parse(String ttl) { return RDFParser.fromString(ttl, Lang.TURTLE).toGraph(); }

    static String ntriples(Graph g) {
        StringWriter w = new StringWriter();
        RDFDataMgr.write(w, g, Lang.NTRIPLES);
        return w.toString();
    }

    @Test
    void twoParsesOfTheSameInputGiveTheSameBytes() {
        Graph a = parse(TTL), b = parse(TTL);
        assertNotEquals(blankLabels(a), blankLabels(b), "the parser labels blank nodes afresh each time");
        Graph ca = CanonicalBlankNodes.relabel(a), cb = CanonicalBlankNodes.relabel(b);
        assertEquals(ntriples(ca), ntriples(cb));
        assertEquals(blankLabels(ca), blankLabels(cb));
    }

    @Test
    void theRelabelledGraphSaysTheSameAsTheInput() {
        Graph in = parse(TTL);
        Graph out = CanonicalBlankNodes.relabel(in);
        assertEquals(in.size(), out.size());
        assertTrue(in.isIsomorphicWith(out));
    }

    @Test
    void insertionOrderDoesNotChangeTheLabelsOrTheOrder() {
        Graph in = parse(TTL);
        List<Triple> triples = new ArrayList<>(in.find().toList());
        Graph reversed = GraphFactory.createDefaultGraph();
        for (int i = triples.size() - 1; i >= 0; i--) reversed.add(triples.get(i));
        assertEquals(ntriples(CanonicalBlankNodes.relabel(in)), ntriples(CanonicalBlankNodes.relabel(reversed)));
        List<Triple> out = CanonicalBlankNodes.relabel(reversed).find().toList();
        assertEquals(out.size(), triples.size());
    }

    @Test
    void equalTwinsUnderDifferentSubjectsGetDifferentLabels() {
        // the restrictions under :9900021 and :9900022 say the same thing; they must not be merged into one node
        Graph out = CanonicalBlankNodes.relabel(parse(TTL));
        Set<Node> restrictions = new TreeSet<>((x, y) -> x.getBlankNodeLabel().compareTo(y.getBlankNodeLabel()));
        out.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI("http://www.w3.org/2002/07/owl#Restriction"))
                .forEach(t -> restrictions.add(t.getSubject()));
        assertEquals(3, restrictions.size());
        assertEquals(parse(TTL).size(), out.size());
    }

    @Test
    void aCycleOfBlankNodesIsLabelledDeterministically() {
        String cyclic = """
                @prefix : <https://w3id.org/mevo/MEVO_> .
                _:a :9900001 _:b . _:b :9900001 _:a . :9900010 :9900002 _:a .
                """;
        assertEquals(ntriples(CanonicalBlankNodes.relabel(parse(cyclic))), ntriples(CanonicalBlankNodes.relabel(parse(cyclic))));
        assertEquals(3, CanonicalBlankNodes.relabel(parse(cyclic)).size());
    }

    static Set<String> blankLabels(Graph g) {
        Set<String> out = new TreeSet<>();
        g.find().forEach(t -> {
            if (t.getSubject().isBlank()) out.add(t.getSubject().getBlankNodeLabel());
            if (t.getObject().isBlank()) out.add(t.getObject().getBlankNodeLabel());
        });
        return out;
    }
}
