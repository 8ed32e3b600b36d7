package org.w3id.mevo.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.w3id.mevo.core.Prefixes;

/**
 * The relations table ({@code /relations}; the landing page embeds it): every relation and annotation property the
 * ontology declares, with label, definition, domain, range, how often it is used and an example triple. Everything
 * comes from the VoID property partitions that {@code ontology/describe/relations.rq} computes from the data at build time.
 */
final class RelationsPage {
    private static final String VOID = "http://rdfs.org/ns/void#";
    private static final String DEF = "http://purl.obolibrary.org/obo/IAO_0000115";
    private static final String SKOS_EXAMPLE = "http://www.w3.org/2004/02/skos/core#example";

    private final Prefixes prefixes;
    private final String voidGraph;

    RelationsPage(Prefixes prefixes, String voidGraph) {
        this.prefixes = prefixes;
        this.voidGraph = voidGraph;
    }

    private record Row(String sortKey, String html) {}

    /** The table alone (for embedding) or a whole page. */
    String html(DatasetGraph dsg, boolean fragment) {
        Node g = NodeFactory.createURI(voidGraph);
        List<Row> rows = new ArrayList<>();
        dsg.find(g, Node.ANY, NodeFactory.createURI(VOID + "property"), Node.ANY).forEachRemaining(q -> {
            Node pp = q.getSubject(), p = q.getObject();
            String label = first(dsg, g, p, RDFS.label.asNode());
            String kind = String.join(", ", values(dsg, g, p, RDF.type.asNode(), n -> n.getURI().substring(n.getURI().indexOf('#') + 1)));
            String def = first(dsg, g, p, NodeFactory.createURI(DEF));
            String domain = String.join("<br>", values(dsg, g, p, RDFS.domain.asNode(), n -> link(dsg, n)));
            String range = String.join("<br>", values(dsg, g, p, RDFS.range.asNode(), n -> link(dsg, n)));
            String n = first(dsg, g, pp, NodeFactory.createURI(VOID + "triples"));
            StringBuilder ex = new StringBuilder();
            dsg.find(g, pp, NodeFactory.createURI(SKOS_EXAMPLE), Node.ANY).forEachRemaining(e -> {
                Node st = e.getObject();
                Node s = one(dsg, g, st, RDF.subject.asNode()), o = one(dsg, g, st, RDF.object.asNode());
                if (s == null || o == null) return;
                ex.append(link(dsg, s)).append(" &rarr; <i>").append(EntityPages.esc(label == null ? prefixes.shorten(p.getURI()) : label))
                  .append("</i> &rarr; ").append(o.isURI() ? link(dsg, o) : "<q>" + EntityPages.esc(cut(o.getLiteralLexicalForm())) + "</q>");
            });
            boolean mevo = p.getURI().startsWith(EntityPages.BASE);
            String key = (mevo ? "0 " : "1 ") + (label == null ? p.getURI() : label.toLowerCase(java.util.Locale.ROOT));
            rows.add(new Row(key, "<tr><td>" + link(dsg, p) + "</td><td>" + EntityPages.esc(kind) + "</td><td>" + (def == null ? "" : EntityPages.esc(def))
                    + "</td><td>" + domain + "</td><td>" + range + "</td><td>" + ex + "</td><td class=\"num\">" + (n == null ? "0" : n) + "</td></tr>\n"));
        });
        rows.sort(java.util.Comparator.comparing(Row::sortKey));
        StringBuilder b = new StringBuilder("<table id=\"relations\">\n<tr><th>property</th><th>kind</th><th>definition</th><th>domain</th><th>range</th>"
                + "<th>example from the data</th><th>triples</th></tr>\n");
        rows.forEach(r -> b.append(r.html()));
        b.append("</table>\n");
        if (fragment) return b.toString();
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Relations - MEVO</title><link rel=\"stylesheet\" href=\"/mevo.css\"></head>\n"
                + "<body><header><p><a href=\"/\">MEVO</a> &middot; <a href=\"/editor.html\">query</a></p><h1 id=\"title\">Relations and annotation properties</h1></header>\n<main>\n"
                + "<p>Every property the ontology declares (" + rows.size() + "), MEVO's own first. Generated from the VoID description "
                + "(<a href=\"/void\">/void</a>, <code>void:propertyPartition</code>) built from the data.</p>\n" + b + "</main></body></html>\n";
    }

    private static String cut(String s) { return s.length() <= 120 ? s : s.substring(0, 117) + "..."; }

    private String link(DatasetGraph dsg, Node n) {
        if (!n.isURI()) return "";
        String iri = n.getURI();
        String href = iri.startsWith(EntityPages.BASE) ? "/" + iri.substring(EntityPages.BASE.length()) : iri;
        String l = first(dsg, Node.ANY, n, RDFS.label.asNode());
        String text = l == null ? prefixes.shorten(iri) : l + " (" + prefixes.shorten(iri) + ")";
        return "<a href=\"" + EntityPages.esc(href) + "\">" + EntityPages.esc(text) + "</a>";
    }

    private static Node one(DatasetGraph dsg, Node g, Node s, Node p) {
        var it = dsg.find(g, s, p, Node.ANY);
        return it.hasNext() ? it.next().getObject() : null;
    }

    private static String first(DatasetGraph dsg, Node g, Node s, Node p) {
        TreeSet<String> v = new TreeSet<>();
        dsg.find(g, s, p, Node.ANY).forEachRemaining(q -> { if (q.getObject().isLiteral()) v.add(q.getObject().getLiteralLexicalForm()); });
        return v.isEmpty() ? null : v.first();
    }

    private static TreeSet<String> values(DatasetGraph dsg, Node g, Node s, Node p, java.util.function.Function<Node, String> f) {
        TreeSet<String> v = new TreeSet<>();
        dsg.find(g, s, p, Node.ANY).forEachRemaining(q -> { if (q.getObject().isURI()) v.add(f.apply(q.getObject())); });
        return v;
    }
}
