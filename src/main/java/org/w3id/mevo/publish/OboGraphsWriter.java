package org.w3id.mevo.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * Writes an ontology graph as OBO Graphs JSON (the geneontology/obographs model: graphs -> nodes with lbl, type and
 * meta {definition, synonyms, xrefs, deprecated}; edges sub/pred/obj for is_a and existential restrictions), sorted
 * so the output is deterministic.
 */
public final class OboGraphsWriter {
    private static final String OBO = "http://purl.obolibrary.org/obo/";
    private static final String OIO = "http://www.geneontology.org/formats/oboInOwl#";
    private static final Map<String, String> SYNONYM_PREDS = Map.of(
            OIO + "hasExactSynonym", "hasExactSynonym", OIO + "hasRelatedSynonym", "hasRelatedSynonym",
            OIO + "hasBroadSynonym", "hasBroadSynonym", OIO + "hasNarrowSynonym", "hasNarrowSynonym");

    private OboGraphsWriter() {}

    public static String write(Graph g, String ontologyIri, String versionIri) {
        Map<String, String> nodes = new TreeMap<>();
        for (Node type : List.of(OWL2.Class.asNode(), OWL2.ObjectProperty.asNode(), OWL2.DatatypeProperty.asNode(),
                OWL2.AnnotationProperty.asNode())) {
            String t = type.equals(OWL2.Class.asNode()) ? "CLASS" : "PROPERTY";
            g.find(Node.ANY, RDF.type.asNode(), type).forEach(tr -> {
                if (tr.getSubject().isURI()) nodes.putIfAbsent(tr.getSubject().getURI(), node(g, tr.getSubject(), t));
            });
        }
        TreeSet<String> edges = new TreeSet<>();
        g.find(Node.ANY, RDFS.subClassOf.asNode(), Node.ANY).forEach(t -> {
            if (!t.getSubject().isURI()) return;
            Node o = t.getObject();
            if (o.isURI()) edges.add(edge(t.getSubject().getURI(), "is_a", o.getURI()));
            else if (o.isBlank()) {
                Node p = one(g, o, OWL2.onProperty.asNode());
                Node d = one(g, o, OWL2.someValuesFrom.asNode());
                if (p != null && d != null && p.isURI() && d.isURI()) edges.add(edge(t.getSubject().getURI(), p.getURI(), d.getURI()));
            }
        });
        StringBuilder sb = new StringBuilder("{\n  \"graphs\" : [ {\n");
        sb.append("    \"id\" : ").append(q(ontologyIri)).append(",\n");
        sb.append("    \"meta\" : { \"version\" : ").append(q(versionIri)).append(" },\n");
        sb.append("    \"nodes\" : [ ");
        sb.append(String.join(", ", nodes.values()));
        sb.append(" ],\n    \"edges\" : [ ");
        sb.append(String.join(", ", edges));
        sb.append(" ]\n  } ]\n}\n");
        return sb.toString();
    }

    private static String node(Graph g, Node n, String type) {
        StringBuilder sb = new StringBuilder("{\n      \"id\" : ").append(q(n.getURI()));
        String label = lit(g, n, RDFS.label.asNode());
        if (label != null) sb.append(",\n      \"lbl\" : ").append(q(label));
        sb.append(",\n      \"type\" : ").append(q(type));
        List<String> meta = new ArrayList<>();
        String def = lit(g, n, NodeFactory.createURI(OBO + "IAO_0000115"));
        if (def != null) meta.add("\"definition\" : { \"val\" : " + q(def) + " }");
        TreeSet<String> syns = new TreeSet<>();
        SYNONYM_PREDS.forEach((iri, pred) -> g.find(n, NodeFactory.createURI(iri), Node.ANY).forEach(t -> {
            if (t.getObject().isLiteral())
                syns.add("{ \"pred\" : " + q(pred) + ", \"val\" : " + q(t.getObject().getLiteralLexicalForm()) + " }");
        }));
        if (!syns.isEmpty()) meta.add("\"synonyms\" : [ " + String.join(", ", syns) + " ]");
        TreeSet<String> xrefs = new TreeSet<>();
        g.find(n, NodeFactory.createURI(OIO + "hasDbXref"), Node.ANY).forEach(t -> {
            if (t.getObject().isLiteral()) xrefs.add("{ \"val\" : " + q(t.getObject().getLiteralLexicalForm()) + " }");
        });
        if (!xrefs.isEmpty()) meta.add("\"xrefs\" : [ " + String.join(", ", xrefs) + " ]");
        if (g.contains(n, OWL2.deprecated.asNode(), Node.ANY)) meta.add("\"deprecated\" : true");
        if (!meta.isEmpty()) sb.append(",\n      \"meta\" : { ").append(String.join(", ", meta)).append(" }");
        return sb.append("\n    }").toString();
    }

    private static String edge(String sub, String pred, String obj) {
        return "{ \"sub\" : " + q(sub) + ", \"pred\" : " + q(pred) + ", \"obj\" : " + q(obj) + " }";
    }

    private static Node one(Graph g, Node s, Node p) {
        var it = g.find(s, p, Node.ANY);
        return it.hasNext() ? it.next().getObject() : null;
    }

    private static String lit(Graph g, Node s, Node p) {
        TreeSet<String> vals = new TreeSet<>();
        g.find(s, p, Node.ANY).forEach(t -> { if (t.getObject().isLiteral()) vals.add(t.getObject().getLiteralLexicalForm()); });
        return vals.isEmpty() ? null : vals.first();
    }

    static String q(String s) { return org.w3id.mevo.core.TextFiles.quoted(s); }

}
