package org.w3id.mevo.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;

/**
 * Adding many triples to an in-memory Jena graph, in an order that keeps it fast.
 *
 * <p>Jena's in-memory graphs keep their triples in open-addressing hash tables. Adding triples in the order such a
 * table (or a {@code HashMap}) iterates them, i.e. sorted by the low bits of their hash codes, builds long runs of
 * occupied slots that every later insertion has to probe through: copying a graph of a few million triples then took
 * minutes instead of seconds (measured: 1 M triples in hash order 12 s, in any other order 0.9 s). Above a small size
 * the triples are therefore added in a seeded random order; the result is the same set of triples, and every order
 * that matters for output (serialisation, reports) is imposed by sorting where it is written.
 */
public final class GraphCopy {
    /** Below this many triples the order does not matter and they are added as they come. */
    private static final int SHUFFLE_ABOVE = 50_000;

    private GraphCopy() {}

    /** Adds every triple of each source graph to {@code target}. */
    public static void addAll(Graph target, Graph... sources) {
        for (Graph s : sources) add(target, s.find());
    }

    /** Adds the triples to {@code target} (buffered, then in a seeded random order if there are many). */
    public static void add(Graph target, Iterator<Triple> triples) {
        List<Triple> buffer = new ArrayList<>();
        triples.forEachRemaining(buffer::add);
        if (buffer.size() > SHUFFLE_ABOVE) Collections.shuffle(buffer, new Random(buffer.size()));
        for (Triple t : buffer) target.add(t);
    }
}
