package org.w3id.mevo.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * Writes an ontology graph as OBO Graphs JSON (the geneontology/obographs model, as {@code robot convert -f json}
 * writes it): nodes with lbl, type, propertyType and meta {definition with xrefs, comments, synonyms, xrefs,
 * basicPropertyValues, deprecated}; edges sub/pred/obj for is_a, existential restrictions, subPropertyOf and inverseOf;
 * equivalentNodesSets; logicalDefinitionAxioms (genus + differentia of equivalence axioms); graph meta with the
 * ontology's annotations (title, description, license, creators...) and version. Sorted, so output is deterministic.
 */
public final class OboGraphsWriter {
    private static final String OBO = "http://purl.obolibrary.org/obo/";
    private static final String OIO = "http://www.geneontology.org/formats/oboInOwl#";
    private static final String DEF = OBO + "IAO_0000115", DEF_SOURCE = OBO + "IAO_0000119";
    private static final Map<String, String> SYNONYM_PREDS = Map.of(
            OIO + "hasExactSynonym", "hasExactSynonym", OIO + "hasRelatedSynonym", "hasRelatedSynonym",
            OIO + "hasBroadSynonym", "hasBroadSynonym", OIO + "hasNarrowSynonym", "hasNarrowSynonym");
    /** annotation properties with a field of their own in a node's meta */
    private static final Set<String> OWN_FIELD = Set.of(RDFS.label.getURI(), DEF, RDFS.comment.getURI(), OIO + "hasDbXref",
            OWL2.deprecated.getURI(), OIO + "hasExactSynonym", OIO + "hasRelatedSynonym", OIO + "hasBroadSynonym",
            OIO + "hasNarrowSynonym");

    private OboGraphsWriter() {}

    public static String write(Graph g, String ontologyIri, String versionIri) {
        Set<Node> annotationProps = new java.util.HashSet<>();
        g.find(Node.ANY, RDF.type.asNode(), OWL2.AnnotationProperty.asNode()).forEach(t -> annotationProps.add(t.getSubject()));
        Map<String, String> nodes = new TreeMap<>();
        Map<Node, String[]> types = new java.util.LinkedHashMap<>();
        types.put(OWL2.Class.asNode(), new String[] {"CLASS", null});
        types.put(OWL2.ObjectProperty.asNode(), new String[] {"PROPERTY", "OBJECT"});
        types.put(OWL2.DatatypeProperty.asNode(), new String[] {"PROPERTY", "DATA"});
        types.put(OWL2.AnnotationProperty.asNode(), new String[] {"PROPERTY", "ANNOTATION"});
        types.forEach((type, kind) -> g.find(Node.ANY, RDF.type.asNode(), type).forEach(tr -> {
            if (tr.getSubject().isURI()) nodes.putIfAbsent(tr.getSubject().getURI(), node(g, tr.getSubject(), kind[0], kind[1], annotationProps));
        }));
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
        g.find(Node.ANY, RDFS.subPropertyOf.asNode(), Node.ANY).forEach(t -> {
            if (t.getSubject().isURI() && t.getObject().isURI()) edges.add(edge(t.getSubject().getURI(), "subPropertyOf", t.getObject().getURI()));
        });
        g.find(Node.ANY, OWL2.inverseOf.asNode(), Node.ANY).forEach(t -> {
            if (t.getSubject().isURI() && t.getObject().isURI()) edges.add(edge(t.getSubject().getURI(), "inverseOf", t.getObject().getURI()));
        });
        // equivalences: between named classes (equivalentNodesSets) and class = genus and some restrictions (logical definitions)
        TreeSet<String> equivalentSets = new TreeSet<>(), logicalDefs = new TreeSet<>();
        g.find(Node.ANY, OWL2.equivalentClass.asNode(), Node.ANY).forEach(t -> {
            Node s = t.getSubject(), o = t.getObject();
            if (s.isURI() && o.isURI()) {
                TreeSet<String> ids = new TreeSet<>(List.of(s.getURI(), o.getURI()));
                equivalentSets.add("{ \"representativeNodeId\" : " + q(ids.first()) + ", \"nodeIds\" : [ "
                        + String.join(", ", ids.stream().map(OboGraphsWriter::q).toList()) + " ] }");
            } else if (s.isURI() && o.isBlank()) {
                String ld = logicalDefinition(g, s, o);
                if (ld != null) logicalDefs.add(ld);
            }
        });
        StringBuilder sb = new StringBuilder("{\n  \"graphs\" : [ {\n");
        sb.append("    \"id\" : ").append(q(ontologyIri)).append(",\n");
        sb.append("    \"meta\" : ").append(graphMeta(g, ontologyIri, versionIri, annotationProps)).append(",\n");
        sb.append("    \"nodes\" : [ ").append(String.join(", ", nodes.values()));
        sb.append(" ],\n    \"edges\" : [ ").append(String.join(", ", edges));
        sb.append(" ],\n    \"equivalentNodesSets\" : [ ").append(String.join(", ", equivalentSets));
        sb.append(" ],\n    \"logicalDefinitionAxioms\" : [ ").append(String.join(",\n      ", logicalDefs));
        sb.append(" ]\n  } ]\n}\n");
        return sb.toString();
    }

    /** C ≡ G1 and ... and (p some F) and ...: genus classes and existential restrictions, all named; otherwise null. */
    private static String logicalDefinition(Graph g, Node defined, Node expr) {
        Node list = one(g, expr, OWL2.intersectionOf.asNode());
        if (list == null) return null;
        List<String> genus = new ArrayList<>(), restrictions = new ArrayList<>();
        for (Node m : members(g, list)) {
            if (m.isURI()) genus.add(q(m.getURI()));
            else {
                Node p = one(g, m, OWL2.onProperty.asNode()), f = one(g, m, OWL2.someValuesFrom.asNode());
                if (p == null || f == null || !p.isURI() || !f.isURI()) return null;
                restrictions.add("{ \"propertyId\" : " + q(p.getURI()) + ", \"fillerId\" : " + q(f.getURI()) + " }");
            }
        }
        genus.sort(String::compareTo);
        restrictions.sort(String::compareTo);
        return "{ \"definedClassId\" : " + q(defined.getURI()) + ", \"genusIds\" : [ " + String.join(", ", genus)
                + " ], \"restrictions\" : [ " + String.join(", ", restrictions) + " ] }";
    }

    private static List<Node> members(Graph g, Node list) {
        List<Node> out = new ArrayList<>();
        while (list != null && !list.equals(RDF.nil.asNode())) {
            Node first = one(g, list, RDF.first.asNode());
            if (first != null) out.add(first);
            list = one(g, list, RDF.rest.asNode());
        }
        return out;
    }

    private static String graphMeta(Graph g, String ontologyIri, String versionIri, Set<Node> annotationProps) {
        Node ont = NodeFactory.createURI(ontologyIri);
        List<String> meta = new ArrayList<>();
        TreeSet<String> comments = new TreeSet<>();
        g.find(ont, RDFS.comment.asNode(), Node.ANY).forEach(t -> { if (t.getObject().isLiteral()) comments.add(q(t.getObject().getLiteralLexicalForm())); });
        if (!comments.isEmpty()) meta.add("\"comments\" : [ " + String.join(", ", comments) + " ]");
        TreeSet<String> bpv = new TreeSet<>();
        g.find(ont, Node.ANY, Node.ANY).forEach(t -> {
            String p = t.getPredicate().getURI();
            if (p.equals(RDF.type.getURI()) || p.equals(RDFS.comment.getURI()) || p.equals(OWL2.versionIRI.getURI())
                    || p.equals(OWL2.imports.getURI())) return;
            String v = value(t.getObject());
            if (v != null) bpv.add(pv(p, v));
        });
        if (!bpv.isEmpty()) meta.add("\"basicPropertyValues\" : [ " + String.join(", ", bpv) + " ]");
        meta.add("\"version\" : " + q(versionIri));
        return "{ " + String.join(", ", meta) + " }";
    }

    private static String node(Graph g, Node n, String type, String propertyType, Set<Node> annotationProps) {
        StringBuilder sb = new StringBuilder("{\n      \"id\" : ").append(q(n.getURI()));
        String label = lit(g, n, RDFS.label.asNode());
        if (label != null) sb.append(",\n      \"lbl\" : ").append(q(label));
        sb.append(",\n      \"type\" : ").append(q(type));
        if (propertyType != null) sb.append(",\n      \"propertyType\" : ").append(q(propertyType));
        List<String> meta = new ArrayList<>();
        String def = lit(g, n, NodeFactory.createURI(DEF));
        if (def != null) {
            TreeSet<String> defXrefs = new TreeSet<>();
            g.find(n, NodeFactory.createURI(DEF_SOURCE), Node.ANY).forEach(t -> {
                if (t.getObject().isLiteral() && t.getObject().getLiteralLexicalForm().trim().matches("[A-Za-z][A-Za-z0-9_.-]*:\\S+"))
                    defXrefs.add(q(t.getObject().getLiteralLexicalForm().trim()));
            });
            meta.add("\"definition\" : { \"val\" : " + q(def) + (defXrefs.isEmpty() ? "" : ", \"xrefs\" : [ " + String.join(", ", defXrefs) + " ]") + " }");
        }
        TreeSet<String> comments = new TreeSet<>();
        g.find(n, RDFS.comment.asNode(), Node.ANY).forEach(t -> { if (t.getObject().isLiteral()) comments.add(q(t.getObject().getLiteralLexicalForm())); });
        if (!comments.isEmpty()) meta.add("\"comments\" : [ " + String.join(", ", comments) + " ]");
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
        TreeSet<String> bpv = new TreeSet<>();
        g.find(n, Node.ANY, Node.ANY).forEach(t -> {
            String p = t.getPredicate().getURI();
            if (!annotationProps.contains(t.getPredicate()) || OWN_FIELD.contains(p)) return;
            String v = value(t.getObject());
            if (v != null) bpv.add(pv(p, v));
        });
        if (!bpv.isEmpty()) meta.add("\"basicPropertyValues\" : [ " + String.join(", ", bpv) + " ]");
        if (g.contains(n, OWL2.deprecated.asNode(), Node.ANY)) meta.add("\"deprecated\" : true");
        if (!meta.isEmpty()) sb.append(",\n      \"meta\" : { ").append(String.join(", ", meta)).append(" }");
        return sb.append("\n    }").toString();
    }

    private static String value(Node o) {
        if (o.isLiteral()) return o.getLiteralLexicalForm();
        if (o.isURI()) return o.getURI();
        return null;
    }

    private static String pv(String pred, String val) { return "{ \"pred\" : " + q(pred) + ", \"val\" : " + q(val) + " }"; }

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
