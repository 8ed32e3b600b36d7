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
    public static final String BASE = org.w3id.mevo.core.MevoIris.BASE;
    private static final String OBO = "http://purl.obolibrary.org/obo/";
    private static final String OIO = "http://www.geneontology.org/formats/oboInOwl#";
    private static final String DEF = OBO + "IAO_0000115";
    private static final String DESC = "http://purl.org/dc/terms/description";

    public record Page(boolean found, String html) {}

    private final Prefixes prefixes;
    private final String flatGraph;

    Prefixes prefixes() { return prefixes; }

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

    public Page html(DatasetGraph dsg, String iri) { return html(dsg, iri, 1); }

    /** @param page which page (from 1) of the mentions table */
    public Page html(DatasetGraph dsg, String iri, int page) {
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
            if (o.isURI() && org.w3id.mevo.core.ValueIndividual.belongsTo(o.getURI(), iri)) continue; // the record's own value individuals (GO-CAM style)
            rows.computeIfAbsent(label(dsg, p), k -> new TreeSet<>()).add(o.isURI() ? link(dsg, o) : esc(o.getLiteralLexicalForm()));
        }
        provenance(dsg, s, about, b);
        list(b, "Types", "types", types);
        list(b, "Parents (asserted and inferred)", "parents", parents);
        list(b, "Synonyms", "synonyms", synonyms);
        list(b, "Cross-references", "xrefs", xrefs);
        if (!rows.isEmpty()) {
            b.append("<h2>Statements</h2>\n<table id=\"statements\">\n");
            rows.forEach((p, vs) -> b.append("<tr><th>").append(esc(p)).append("</th><td>").append(String.join("<br>", vs)).append("</td></tr>\n"));
            b.append("</table>\n");
        }
        referrers(dsg, s, b, page);
        return new Page(true, page(title, b.toString()));
    }

    /**
     * Provenance at a glance, for a record that cites sources: every linked resource that has {@code rdfs:seeAlso} links
     * or a description of its own (the study, the reference cited, a linked citation-problem record), with its citation
     * and links (PubMed, doi.org), and the record's own notes (literal values of annotation properties, e.g. a citation
     * mismatch note). Nothing is shown for an entity that links to no such resource.
     */
    private void provenance(DatasetGraph dsg, Node s, List<Quad> about, StringBuilder b) {
        Node owlClass = NodeFactory.createURI("http://www.w3.org/2002/07/owl#Class");
        Node annotation = NodeFactory.createURI("http://www.w3.org/2002/07/owl#AnnotationProperty");
        Node citation = NodeFactory.createURI("http://purl.org/dc/terms/bibliographicCitation");
        Map<String, String> sources = new TreeMap<>(), notes = new TreeMap<>();
        for (Quad q : about) {
            Node p = q.getPredicate(), o = q.getObject();
            if (o.isURI() && !o.equals(s) && !org.w3id.mevo.core.ValueIndividual.belongsTo(o.getURI(), s.getURI()) && !dsg.contains(Node.ANY, o, RDF.type.asNode(), owlClass)) {
                TreeSet<String> links = new TreeSet<>();
                dsg.find(Node.ANY, o, RDFS.seeAlso.asNode(), Node.ANY).forEachRemaining(l -> {
                    if (l.getObject().isURI()) links.add("<a class=\"source-link\" href=\"" + esc(l.getObject().getURI()) + "\">" + esc(l.getObject().getURI()) + "</a>");
                });
                String cite = literal(dsg, o, citation);
                String desc = literal(dsg, o, NodeFactory.createURI(DESC));
                // a citation-problem record: what the entry actually is (MEVO:0000829)
                if (desc == null) desc = literal(dsg, o, NodeFactory.createURI(org.w3id.mevo.core.MevoIris.term("0000829")));
                if (links.isEmpty() && desc == null && cite == null) continue;
                StringBuilder cell = new StringBuilder(link(dsg, o));
                if (cite != null) cell.append("<br><span class=\"small\">").append(esc(cite)).append("</span>");
                else if (desc != null) cell.append("<br><span class=\"small\">").append(esc(desc)).append("</span>");
                if (!links.isEmpty()) cell.append("<br>").append(String.join(" &middot; ", links));
                sources.merge(label(dsg, p) + "\u0000" + o, cell.toString(), (a, c) -> a);
            } else if (o.isLiteral() && !p.equals(RDFS.label.asNode()) && !p.getURI().equals(DEF) && !p.getURI().equals(DESC)
                    && !p.getURI().startsWith(OIO) && dsg.contains(Node.ANY, p, RDF.type.asNode(), annotation)) {
                notes.merge(label(dsg, p) + "\u0000" + o.getLiteralLexicalForm(), esc(o.getLiteralLexicalForm()), (a, c) -> a);
            }
        }
        dsg.find(Node.ANY, s, RDFS.seeAlso.asNode(), Node.ANY).forEachRemaining(l -> {
            if (l.getObject().isURI()) sources.put("see also\u0000" + l.getObject(), "<a class=\"source-link\" href=\"" + esc(l.getObject().getURI()) + "\">" + esc(l.getObject().getURI()) + "</a>");
        });
        if (sources.isEmpty() && notes.isEmpty()) return;
        b.append("<h2>Provenance</h2>\n<table id=\"provenance\">\n");
        sources.forEach((k, v) -> b.append("<tr><th>").append(esc(k.substring(0, k.indexOf('\u0000')))).append("</th><td>").append(v).append("</td></tr>\n"));
        notes.forEach((k, v) -> b.append("<tr class=\"note\"><th>").append(esc(k.substring(0, k.indexOf('\u0000')))).append("</th><td>").append(v).append("</td></tr>\n"));
        b.append("</table>\n");
    }

    /** Rows of the mentions table per page ({@code ?page=N}, from 1). */
    public static final int PAGE_SIZE = 50;

    /** A term related to the page's entity, whose mentions the page also lists, and how it is related. */
    private record Related(Node node, String how) {}

    /**
     * The entity, its subclasses (asserted or inferred, transitively), and the classes that point at it: by a direct
     * triple in the flattened graph, or by an OWL restriction (someValuesFrom, allValuesFrom, hasValue) in any graph.
     */
    private List<Related> related(DatasetGraph dsg, Node s) {
        Map<Node, String> out = new LinkedHashMap<>();
        out.put(s, "this term");
        List<Node> todo = new ArrayList<>(List.of(s));
        Node owlClass = NodeFactory.createURI("http://www.w3.org/2002/07/owl#Class");
        TreeMap<String, Node> subs = new TreeMap<>();
        while (!todo.isEmpty()) {
            Node c = todo.remove(0);
            dsg.find(Node.ANY, Node.ANY, RDFS.subClassOf.asNode(), c).forEachRemaining(q -> {
                Node sub = q.getSubject();
                if (sub.isURI() && !out.containsKey(sub) && !subs.containsValue(sub)) { subs.put(label(dsg, sub) + " " + sub, sub); todo.add(sub); }
            });
        }
        subs.values().forEach(n -> out.putIfAbsent(n, "subclass"));
        TreeMap<String, Related> pointing = new TreeMap<>();
        dsg.find(NodeFactory.createURI(flatGraph), Node.ANY, Node.ANY, s).forEachRemaining(q -> {
            Node c = q.getSubject();
            if (c.isURI() && dsg.contains(Node.ANY, c, RDF.type.asNode(), owlClass))
                pointing.putIfAbsent(label(dsg, c) + " " + c, new Related(c, "points to it: " + label(dsg, q.getPredicate())));
        });
        for (String r : new String[] {"someValuesFrom", "allValuesFrom", "hasValue"}) {
            Node restricts = NodeFactory.createURI("http://www.w3.org/2002/07/owl#" + r);
            dsg.find(Node.ANY, Node.ANY, restricts, s).forEachRemaining(q -> {
                var props = dsg.find(q.getGraph(), q.getSubject(), NodeFactory.createURI("http://www.w3.org/2002/07/owl#onProperty"), Node.ANY);
                Node prop = props.hasNext() ? props.next().getObject() : null;
                for (Node c : namedOwners(dsg, q.getSubject()))
                    if (dsg.contains(Node.ANY, c, RDF.type.asNode(), owlClass))
                        pointing.putIfAbsent(label(dsg, c) + " " + c, new Related(c, "points to it in its axioms"
                                + (prop != null && prop.isURI() ? ": " + label(dsg, prop) : "")));
            });
        }
        pointing.values().forEach(p -> out.putIfAbsent(p.node(), p.how()));
        List<Related> list = new ArrayList<>();
        out.forEach((n, how) -> list.add(new Related(n, how)));
        return list;
    }

    /** The named resources whose axioms contain the blank node (up through class expressions and RDF lists). */
    private static List<Node> namedOwners(DatasetGraph dsg, Node blank) {
        List<Node> owners = new ArrayList<>(), todo = new ArrayList<>(List.of(blank));
        java.util.Set<Node> seen = new java.util.HashSet<>();
        while (!todo.isEmpty() && seen.size() < 200) {
            Node b = todo.remove(0);
            if (!seen.add(b)) continue;
            dsg.find(Node.ANY, Node.ANY, Node.ANY, b).forEachRemaining(q -> {
                if (q.getSubject().isBlank()) todo.add(q.getSubject());
                else if (q.getSubject().isURI() && !owners.contains(q.getSubject())) owners.add(q.getSubject());
            });
        }
        return owners;
    }

    /**
     * The records (e.g. claims) whose flattened statements point at this entity or at a related term (see
     * {@link #related}), grouped by that term, {@link #PAGE_SIZE} rows a page, with each record's summary and the
     * links (PubMed, doi.org) one hop away.
     */
    private void referrers(DatasetGraph dsg, Node s, StringBuilder b, int page) {
        List<Related> related = related(dsg, s);
        java.util.Set<Node> relatedNodes = new java.util.HashSet<>();
        related.forEach(r -> relatedNodes.add(r.node()));
        record Row(Related group, Node record, String as) {}
        List<Row> rows = new ArrayList<>();
        java.util.Set<Node> distinct = new java.util.HashSet<>();
        for (Related r : related) {
            Map<Node, String> refs = new TreeMap<>(java.util.Comparator.comparing(Node::toString));
            dsg.find(NodeFactory.createURI(flatGraph), Node.ANY, Node.ANY, r.node()).forEachRemaining(q -> {
                if (r.node().equals(s) || !relatedNodes.contains(q.getSubject())) refs.putIfAbsent(q.getSubject(), label(dsg, q.getPredicate()));
            });
            refs.forEach((rec, as) -> { rows.add(new Row(r, rec, as)); distinct.add(rec); });
        }
        if (rows.isEmpty()) return;
        int pages = (rows.size() + PAGE_SIZE - 1) / PAGE_SIZE;
        int p = Math.max(1, Math.min(page, pages));
        b.append("<h2>Mentioned in ").append(distinct.size()).append(" record(s)</h2>\n<p class=\"small\" id=\"mentions-scope\">Records that point at this term")
         .append(related.size() > 1 ? ", at its " + related.stream().filter(r -> r.how().equals("subclass")).count() + " subclass(es) or at the "
                 + related.stream().filter(r -> r.how().startsWith("points")).count() + " class(es) that point to it," : "")
         .append(" grouped by the term they point at; ").append(rows.size()).append(" row(s)")
         .append(pages > 1 ? ", page " + p + " of " + pages : "").append(".</p>\n<table id=\"mentions\">\n")
         .append("<tr><th>record</th><th>as</th><th>summary</th><th>sources</th></tr>\n");
        Related current = null;
        for (Row row : rows.subList((p - 1) * PAGE_SIZE, Math.min(rows.size(), p * PAGE_SIZE))) {
            if (row.group() != current) {
                current = row.group();
                b.append("<tr class=\"group\"><th colspan=\"4\">").append(current.node().equals(s) ? "this term"
                        : link(dsg, current.node()) + " <span class=\"small\">(" + esc(current.how()) + ")</span>").append("</th></tr>\n");
            }
            Node r = row.record();
            String summary = literal(dsg, r, NodeFactory.createURI(DESC));
            TreeSet<String> links = new TreeSet<>();
            dsg.find(Node.ANY, r, Node.ANY, Node.ANY).forEachRemaining(q -> {
                if (!q.getObject().isURI()) return;
                dsg.find(Node.ANY, q.getObject(), RDFS.seeAlso.asNode(), Node.ANY).forEachRemaining(l -> {
                    if (l.getObject().isURI()) links.add("<a class=\"source-link\" href=\"" + esc(l.getObject().getURI()) + "\">"
                            + esc(l.getObject().getURI()) + "</a>");
                });
            });
            b.append("<tr><td>").append(link(dsg, r)).append("</td><td>").append(esc(row.as())).append("</td><td>")
             .append(summary == null ? "" : esc(summary)).append("</td><td>").append(String.join("<br>", links)).append("</td></tr>\n");
        }
        b.append("</table>\n");
        if (pages > 1) {
            b.append("<p id=\"pages\">");
            if (p > 1) b.append("<a rel=\"prev\" href=\"?page=").append(p - 1).append("\">previous</a> ");
            b.append("page ").append(p).append(" of ").append(pages);
            if (p < pages) b.append(" <a rel=\"next\" href=\"?page=").append(p + 1).append("\">next</a>");
            b.append("</p>\n");
        }
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
                + " - MEVO</title><link rel=\"stylesheet\" href=\"/mevo.css\"></head>\n<body><header><p><a href=\"/\">MEVO</a> &middot; <a href=\"/editor.html\">query</a></p><h1 id=\"title\">"
                + esc(title) + "</h1></header>\n<main>\n" + body + "</main></body></html>\n";
    }

    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

}
