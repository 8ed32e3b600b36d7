package org.w3id.mevo.publish;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Gives blank nodes labels computed from their content (what they say, recursively, and where they hang), so the
 * same input always serialises to the same bytes. OWL's blank nodes (restrictions, lists) form trees, which this
 * handles exactly; a shared or cyclic blank node is still labelled deterministically, by a bounded walk.
 */
public final class CanonicalBlankNodes {
    private final Graph g;
    private final Map<Node, String> content = new HashMap<>();
    private final Map<Node, String> labels = new HashMap<>();

    private CanonicalBlankNodes(Graph g) { this.g = g; }

    /** A copy of the graph with canonical blank node labels, triples inserted in sorted order. */
    public static Graph relabel(Graph in) {
        CanonicalBlankNodes c = new CanonicalBlankNodes(in);
        // each node's N-Triples form is computed once and shared; sorting by (subject, predicate, object) forms is the
        // same order as by the whole line "s p o", because no subject or predicate form contains a space
        Map<Node, String> forms = new HashMap<>();
        List<Keyed> triples = new ArrayList<>();
        in.find().forEach(t -> {
            Node s = c.map(t.getSubject()), o = c.map(t.getObject());
            triples.add(new Keyed(form(forms, s), form(forms, t.getPredicate()), form(forms, o), Triple.create(s, t.getPredicate(), o)));
        });
        forms.clear();
        triples.sort(null);
        Graph out = GraphFactory.createDefaultGraph();
        out.getPrefixMapping().setNsPrefixes(in.getPrefixMapping());
        for (Keyed k : triples) out.add(k.triple());
        return out;
    }

    private record Keyed(String s, String p, String o, Triple triple) implements Comparable<Keyed> {
        @Override
        public int compareTo(Keyed x) {
            int c = s.compareTo(x.s);
            if (c != 0) return c;
            c = p.compareTo(x.p);
            return c != 0 ? c : o.compareTo(x.o);
        }
    }

    private static String form(Map<Node, String> forms, Node n) { return forms.computeIfAbsent(n, NodeFmtLib::strNT); }

    private Node map(Node n) {
        if (!n.isBlank()) return n;
        return NodeFactory.createBlankNode(labels.computeIfAbsent(n, this::label));
    }

    private String label(Node b) {
        // content of the node, plus the first place (in sorted order) where it is used, to separate equal twins
        List<String> uses = new ArrayList<>();
        g.find(Node.ANY, Node.ANY, b).forEach(t -> uses.add(place(t.getSubject(), 0) + " " + NodeFmtLib.strNT(t.getPredicate())));
        uses.sort(String::compareTo);
        String mine = content(b, 0) + "|" + (uses.isEmpty() ? "" : uses.get(0));
        return "b" + sha1(mine).substring(0, 20);
    }

    private String place(Node s, int depth) {
        if (!s.isBlank()) return NodeFmtLib.strNT(s);
        if (depth > 8) return "_";
        List<String> uses = new ArrayList<>();
        g.find(Node.ANY, Node.ANY, s).forEach(t -> uses.add(place(t.getSubject(), depth + 1) + " " + NodeFmtLib.strNT(t.getPredicate())));
        uses.sort(String::compareTo);
        return "[" + content(s, 0) + "@" + (uses.isEmpty() ? "" : uses.get(0)) + "]";
    }

    private String content(Node b, int depth) {
        if (depth == 0 && content.containsKey(b)) return content.get(b);
        if (depth > 16) return "...";
        List<String> parts = new ArrayList<>();
        g.find(b, Node.ANY, Node.ANY).forEach(t -> {
            Node o = t.getObject();
            parts.add(NodeFmtLib.strNT(t.getPredicate()) + " " + (o.isBlank() ? "[" + content(o, depth + 1) + "]" : NodeFmtLib.strNT(o)));
        });
        parts.sort(String::compareTo);
        String s = sha1(String.join("\n", parts));
        if (depth == 0) content.put(b, s);
        return s;
    }

    static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
