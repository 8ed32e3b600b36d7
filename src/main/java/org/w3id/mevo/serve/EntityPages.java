package org.w3id.mevo.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.w3id.mevo.core.Prefixes;

/**
 * Entity pages for MEVO IRIs, built from the served data only (no domain knowledge here): label, definition,
 * synonyms, cross-references as links, parents, every other statement, and the records (e.g. claims) that point at
 * the entity in the flattened graph, with the links (PubMed, doi.org) one step further on.
 */
public final class EntityPages {
    public static final String BASE = "https://w3id.org/mevo/";
    private static final String OBO = "http://purl.obolibrary.org/obo/";
    private static final String OIO = "http://www.geneontology.org/formats/oboInOwl#";
    private static final String DEF = OBO + "IAO_0000115";
    private static final String DESC = "http://purl.org/dc/terms/description";

    public record Page(boolean found, String html) {}

    private final Prefixes prefixes;
    private final String flatGraph;

    public EntityPages(Prefixes prefixes, String flatGraph) {
        this.prefixes = prefixes;
        this.flatGraph = flatGraph;
    }

    /** Concise bounded description from the union of all graphs: the IRI's statements and its blank-node closure. */
    public Graph describe(DatasetGraph dsg, String iri) {
        Graph g = GraphFactory.createDefaultGraph();
        List<Node> todo = new ArrayList<>(List.of(NodeFactory.createURI(iri)));
        java.util.Set<Node> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            Node s = todo.remove(todo.size() - 1);
            if (!seen.add(s)) continue;
            dsg.find(Node.ANY, s, Node.ANY, Node.ANY).forEachRemaining(q -> {
                g.add(q.asTriple());
                if (q.getObject().isBlank()) todo.add(q.getObject());
            });
        }
        g.getPrefixMapping().setNsPrefixes(prefixes.asMap());
        return g;
    }

    public Page html(DatasetGraph dsg, String iri) {
        Node s = NodeFactory.createURI(iri);
        List<Quad> about = new ArrayList<>();
        dsg.find(Node.ANY, s, Node.ANY, Node.ANY).forEachRemaining(about::add);
        if (about.isEmpty()) {
            return new Page(false, page("Not found", "<p>There is no MEVO term or record with the IRI <code>" + esc(iri)
                    + "</code>.</p><p><a href=\"/\">MEVO home</a></p>"));
        }
        String label = literal(dsg, s, RDFS.label.asNode());
        String title = label != null ? label : prefixes.shorten(iri);
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"small\"><code>").append(esc(iri)).append("</code> &middot; ").append(esc(prefixes.shorten(iri)))
         .append(" &middot; also as Turtle or JSON-LD (Accept: text/turtle, application/ld+json)</p>\n");
        String def = literal(dsg, s, NodeFactory.createURI(DEF));
        if (def != null) b.append("<p id=\"definition\"><b>Definition:</b> ").append(esc(def)).append("</p>\n");
        String desc = literal(dsg, s, NodeFactory.createURI(DESC));
        if (desc != null) b.append("<p id=\"description\">").append(esc(desc)).append("</p>\n");

        Map<String, TreeSet<String>> rows = new TreeMap<>();
        TreeSet<String> parents = new TreeSet<>(), synonyms = new TreeSet<>(), xrefs = new TreeSet<>(), types = new TreeSet<>();
        for (Quad q : about) {
            Node p = q.getPredicate(), o = q.getObject();
            String pi = p.getURI();
            if (pi.equals(RDFS.label.getURI()) || pi.equals(DEF) || pi.equals(DESC)) continue;
            if (pi.equals(RDFS.subClassOf.getURI())) { if (o.isURI()) parents.add(link(dsg, o)); continue; }
            if (pi.equals(RDF.type.getURI())) { if (o.isURI() && !o.getURI().startsWith("http://www.w3.org/2002/07/owl#")) types.add(link(dsg, o)); continue; }
            if (pi.startsWith(OIO + "has") && pi.endsWith("Synonym") && o.isLiteral()) {
                synonyms.add(esc(o.getLiteralLexicalForm()) + " <span class=\"small\">(" + esc(pi.substring(OIO.length() + 3)) + ")</span>");
                continue;
            }
            if (pi.equals(OIO + "hasDbXref") && o.isLiteral()) { xrefs.add(xref(o.getLiteralLexicalForm())); continue; }
            if (o.isBlank()) continue;
            if (o.isURI() && o.getURI().startsWith(iri + "-")) continue; // the record's own value individuals (GO-CAM style)
            rows.computeIfAbsent(label(dsg, p), k -> new TreeSet<>()).add(o.isURI() ? link(dsg, o) : esc(o.getLiteralLexicalForm()));
        }
        list(b, "Types", "types", types);
        list(b, "Parents (asserted and inferred)", "parents", parents);
        list(b, "Synonyms", "synonyms", synonyms);
        list(b, "Cross-references", "xrefs", xrefs);
        if (!rows.isEmpty()) {
            b.append("<h2>Statements</h2>\n<table id=\"statements\">\n");
            rows.forEach((p, vs) -> b.append("<tr><th>").append(esc(p)).append("</th><td>").append(String.join("<br>", vs)).append("</td></tr>\n"));
            b.append("</table>\n");
        }
        referrers(dsg, s, b);
        return new Page(true, page(title, b.toString()));
    }

    /** Records whose flattened statements point at this entity, with their summary and outgoing links one hop away. */
    private void referrers(DatasetGraph dsg, Node s, StringBuilder b) {
        Map<Node, String> refs = new LinkedHashMap<>();
        dsg.find(NodeFactory.createURI(flatGraph), Node.ANY, Node.ANY, s).forEachRemaining(q -> refs.putIfAbsent(q.getSubject(), label(dsg, q.getPredicate())));
        if (refs.isEmpty()) return;
        b.append("<h2>Mentioned in ").append(refs.size()).append(" record(s)</h2>\n<table id=\"mentions\">\n<tr><th>record</th><th>as</th><th>summary</th><th>sources</th></tr>\n");
        List<Node> sorted = new ArrayList<>(refs.keySet());
        sorted.sort(java.util.Comparator.comparing(Node::toString));
        sorted.forEach(r -> {
            String summary = literal(dsg, r, NodeFactory.createURI(DESC));
            TreeSet<String> links = new TreeSet<>();
            dsg.find(Node.ANY, r, Node.ANY, Node.ANY).forEachRemaining(q -> {
                if (!q.getObject().isURI()) return;
                dsg.find(Node.ANY, q.getObject(), RDFS.seeAlso.asNode(), Node.ANY).forEachRemaining(l -> {
                    if (l.getObject().isURI()) links.add("<a class=\"source-link\" href=\"" + esc(l.getObject().getURI()) + "\">"
                            + esc(l.getObject().getURI()) + "</a>");
                });
            });
            b.append("<tr><td>").append(link(dsg, r)).append("</td><td>").append(esc(refs.get(r))).append("</td><td>")
             .append(summary == null ? "" : esc(summary)).append("</td><td>").append(String.join("<br>", links)).append("</td></tr>\n");
        });
        b.append("</table>\n");
    }

    private static void list(StringBuilder b, String heading, String id, TreeSet<String> items) {
        if (items.isEmpty()) return;
        b.append("<h2>").append(heading).append("</h2>\n<ul id=\"").append(id).append("\">");
        items.forEach(i -> b.append("<li>").append(i).append("</li>"));
        b.append("</ul>\n");
    }

    private String xref(String curie) {
        return prefixes.expand(curie).map(u -> "<a href=\"" + esc(u) + "\">" + esc(curie) + "</a>").orElse(esc(curie));
    }

    private String link(DatasetGraph dsg, Node n) {
        String iri = n.getURI();
        String href = iri.startsWith(BASE) ? "/" + iri.substring(BASE.length()) : iri;
        String l = literal(dsg, n, RDFS.label.asNode());
        if (l == null) l = literal(dsg, n, NodeFactory.createURI("http://purl.org/dc/terms/title"));
        String text = l == null ? prefixes.shorten(iri) : l + " (" + prefixes.shorten(iri) + ")";
        return "<a href=\"" + esc(href) + "\">" + esc(text) + "</a>";
    }

    private String label(DatasetGraph dsg, Node n) {
        String l = literal(dsg, n, RDFS.label.asNode());
        return l != null ? l : prefixes.shorten(n.getURI());
    }

    private static String literal(DatasetGraph dsg, Node s, Node p) {
        TreeSet<String> v = new TreeSet<>();
        dsg.find(Node.ANY, s, p, Node.ANY).forEachRemaining(q -> { if (q.getObject().isLiteral()) v.add(q.getObject().getLiteralLexicalForm()); });
        return v.isEmpty() ? null : v.first();
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + " - MEVO</title><link rel=\"stylesheet\" href=\"/mevo.css\"></head>\n<body><header><p><a href=\"/\">MEVO</a> &middot; <a href=\"/query.html\">query</a></p><h1 id=\"title\">"
                + esc(title) + "</h1></header>\n<main>\n" + body + "</main></body></html>\n";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

}
