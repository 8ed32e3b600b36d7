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
        Sorted sorted = sorted(in, true);
        Graph out = GraphFactory.createDefaultGraph();
        out.getPrefixMapping().setNsPrefixes(in.getPrefixMapping());
        for (int i = 0; i < sorted.size(); i++) out.add(sorted.triple(i));
        return out;
    }

    /**
     * The distinct triples of a graph, blank nodes canonically labelled when {@code relabel}, sorted by the N-Triples
     * forms of (subject, predicate, object) - the same order as by the whole line "s p o", because no subject or
     * predicate form contains a space. Held compactly (each node and its form once, a triple as three ranks), so
     * millions of triples can be sorted and written without a graph copy.
     */
    public static Sorted sorted(Graph in, boolean relabel) {
        CanonicalBlankNodes c = new CanonicalBlankNodes(in);
        Map<Node, Integer> ids = new HashMap<>();
        List<Node> nodes = new ArrayList<>();
        int[][] spo = {new int[1024]};
        int[] n = {0};
        in.find().forEachRemaining(t -> {
            Node s = relabel ? c.map(t.getSubject()) : t.getSubject(), o = relabel ? c.map(t.getObject()) : t.getObject();
            if (3 * n[0] + 3 > spo[0].length) spo[0] = java.util.Arrays.copyOf(spo[0], spo[0].length * 2);
            int k = 3 * n[0]++;
            spo[0][k] = id(ids, nodes, s);
            spo[0][k + 1] = id(ids, nodes, t.getPredicate());
            spo[0][k + 2] = id(ids, nodes, o);
        });
        ids.clear();
        c.labels.clear();
        c.content.clear();
        int count = nodes.size();
        String[] forms = new String[count];
        for (int i = 0; i < count; i++) forms[i] = NodeFmtLib.strNT(nodes.get(i));
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> forms[a].compareTo(forms[b]));
        int[] rank = new int[count];
        Node[] byRank = new Node[count];
        String[] formByRank = new String[count];
        for (int r = 0; r < count; r++) { rank[order[r]] = r; byRank[r] = nodes.get(order[r]); formByRank[r] = forms[order[r]]; }
        nodes.clear();
        return new Sorted(byRank, formByRank, sortedDistinct(spo[0], n[0], rank));
    }

    private static int id(Map<Node, Integer> ids, List<Node> nodes, Node x) {
        Integer i = ids.get(x);
        if (i != null) return i;
        ids.put(x, nodes.size());
        nodes.add(x);
        return nodes.size() - 1;
    }

    /** Triples as rank triples, sorted and without duplicates; packed into one long each when the ranks fit. */
    private static int[] sortedDistinct(int[] spo, int n, int[] rank) {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, rank.length - 1));
        int[] out = new int[3 * n];
        int m = 0;
        if (3 * bits <= 63) {
            long[] keys = new long[n];
            for (int i = 0; i < n; i++)
                keys[i] = ((long) rank[spo[3 * i]] << (2 * bits)) | ((long) rank[spo[3 * i + 1]] << bits) | rank[spo[3 * i + 2]];
            java.util.Arrays.sort(keys);
            long mask = (1L << bits) - 1;
            for (int i = 0; i < n; i++) {
                if (i > 0 && keys[i] == keys[i - 1]) continue;
                out[3 * m] = (int) (keys[i] >>> (2 * bits));
                out[3 * m + 1] = (int) ((keys[i] >>> bits) & mask);
                out[3 * m + 2] = (int) (keys[i] & mask);
                m++;
            }
            return java.util.Arrays.copyOf(out, 3 * m);
        }
        int[] r = new int[3 * n];
        for (int i = 0; i < 3 * n; i++) r[i] = rank[spo[i]];
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> {
            for (int k = 0; k < 3; k++) { int c = Integer.compare(r[3 * a + k], r[3 * b + k]); if (c != 0) return c; }
            return 0;
        });
        for (int i = 0; i < n; i++) {
            int a = idx[i];
            if (m > 0 && out[3 * m - 3] == r[3 * a] && out[3 * m - 2] == r[3 * a + 1] && out[3 * m - 1] == r[3 * a + 2]) continue;
            System.arraycopy(r, 3 * a, out, 3 * m, 3);
            m++;
        }
        return java.util.Arrays.copyOf(out, 3 * m);
    }

    /** Sorted distinct triples: {@code triple(i)} and {@code line(i)} (its N-Triples line without " ."), i in sort order. */
    public static final class Sorted {
        private final Node[] nodes;
        private final String[] forms;
        private final int[] spo;

        private Sorted(Node[] nodes, String[] forms, int[] spo) { this.nodes = nodes; this.forms = forms; this.spo = spo; }

        public int size() { return spo.length / 3; }

        public Triple triple(int i) { return Triple.create(nodes[spo[3 * i]], nodes[spo[3 * i + 1]], nodes[spo[3 * i + 2]]); }

        /** The rank of triple i's subject: equal for all triples of one subject, which are consecutive. */
        public int subject(int i) { return spo[3 * i]; }

        public String line(int i) { return forms[spo[3 * i]] + " " + forms[spo[3 * i + 1]] + " " + forms[spo[3 * i + 2]]; }
    }

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
