package org.w3id.mevo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The union of graphs is a copy: every triple of each, once, and independent of its inputs afterwards. */
@Tag("fast")
class GraphsTest {
    static Triple t(String s) {
        return Triple.create(NodeFactory.createURI("urn:" + s), NodeFactory.createURI("urn:p"), NodeFactory.createLiteralString(s));
    }

    @Test
    void theUnionHoldsEveryTripleOnceAndIsACopy() {
        Graph a = GraphFactory.createDefaultGraph(), b = GraphFactory.createDefaultGraph();
        a.add(t("1")); a.add(t("2")); b.add(t("2")); b.add(t("3"));
        a.getPrefixMapping().setNsPrefix("x", "urn:x#");
        Graph u = Graphs.union(a, b);
        assertEquals(3, u.size());
        assertTrue(u.contains(t("1")) && u.contains(t("2")) && u.contains(t("3")));
        assertTrue(u.getPrefixMapping().getNsPrefixMap().isEmpty(), "prefixes are not copied");
        u.add(t("4"));
        a.add(t("5"));
        assertFalse(a.contains(t("4")), "changing the union leaves the inputs alone");
        assertFalse(u.contains(t("5")), "changing an input leaves the union alone");
        Graph c = Graphs.copy(b);
        assertEquals(2, c.size());
        assertEquals(0, Graphs.union().size());
        assertEquals(4, Graphs.addAll(c, a).size());
    }
}
