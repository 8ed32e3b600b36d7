package org.w3id.mevo.core;

import java.util.Collection;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * "The union of these graphs", one way for the whole build: a new in-memory graph holding every triple of each given
 * graph, added graph by graph in the order given. It is a copy, not a view: the callers change the result (the
 * release header, the reduction of subclass links) or hand it to libraries that must not see later changes.
 * Prefix mappings are not copied.
 */
public final class Graphs {
    private Graphs() {}

    /** A new graph with every triple of the given graphs. */
    public static Graph union(Graph... graphs) { return union(List.of(graphs)); }

    /** A new graph with every triple of the given graphs, in iteration order. */
    public static Graph union(Collection<Graph> graphs) {
        Graph g = GraphFactory.createDefaultGraph();
        for (Graph x : graphs) addAll(g, x);
        return g;
    }

    /** A new graph with the triples of {@code g} (the union of one graph). */
    public static Graph copy(Graph g) { return union(g); }

    /** Adds every triple of {@code from} to {@code into}; returns {@code into}. */
    public static Graph addAll(Graph into, Graph from) {
        from.find().forEach(into::add);
        return into;
    }
}
