package org.w3id.mevo.curate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.OWL2;

/**
 * What {@code robot repair} does for obsolete classes: every reference to a deprecated class that names its successor
 * ({@code IAO:0100001 term replaced by}) is rewritten to the successor, so an obsoleted MEVO term (e.g. MEVO's former
 * "cell", replaced by CL:0000000) is never used in an axiom while tables that still name it are being updated. The
 * deprecated class keeps its own annotations (label "obsolete ...", replacement), as OBO practice wants: IDs are
 * never deleted. Each rewritten reference is returned so the build can say which file still has to be updated.
 */
public final class ObsoleteRepair {
    public static final String TERM_REPLACED_BY = "http://purl.obolibrary.org/obo/IAO_0100001";

    /** One rewritten reference: the triple's subject, its predicate, the obsolete term and its replacement (null: link dropped). */
    public record Repair(String subject, String predicate, String obsolete, String replacement) {}

    private ObsoleteRepair() {}

    public static List<Repair> repair(Graph g) {
        Map<Node, Node> replacedBy = new TreeMap<>(java.util.Comparator.comparing(Node::toString));
        Node replacedByP = NodeFactory.createURI(TERM_REPLACED_BY);
        g.find(Node.ANY, OWL2.deprecated.asNode(), Node.ANY).forEach(t -> {
            if (!t.getSubject().isURI() || !t.getObject().isLiteral() || !"true".equals(t.getObject().getLiteralLexicalForm())) return;
            var it = g.find(t.getSubject(), replacedByP, Node.ANY);
            if (it.hasNext()) {
                Node r = it.next().getObject();
                if (r.isURI()) replacedBy.put(t.getSubject(), r);
            }
        });
        List<Repair> done = new ArrayList<>();
        for (var e : replacedBy.entrySet()) {
            List<Triple> uses = g.find(Node.ANY, Node.ANY, e.getKey()).toList().stream()
                    .filter(t -> !t.getSubject().equals(e.getKey())).toList();
            for (Triple t : uses) {
                g.delete(t);
                g.add(Triple.create(t.getSubject(), t.getPredicate(), e.getValue()));
                done.add(new Repair(t.getSubject().toString(), t.getPredicate().getURI(), e.getKey().getURI(), e.getValue().getURI()));
            }
        }
        // an obsolete parent with no successor (e.g. a CL class obsoleted after a copy of its parents was taken): the
        // subclass link is dropped, as re-extracting from the current source would; any other use stays and fails the
        // quality gate
        Node label = org.apache.jena.vocabulary.RDFS.label.asNode(), sub = org.apache.jena.vocabulary.RDFS.subClassOf.asNode();
        java.util.Set<Node> obsolete = new java.util.TreeSet<>(java.util.Comparator.comparing(Node::toString));
        g.find(Node.ANY, OWL2.deprecated.asNode(), Node.ANY).forEach(t -> {
            if (t.getSubject().isURI() && t.getObject().isLiteral() && "true".equals(t.getObject().getLiteralLexicalForm())) obsolete.add(t.getSubject());
        });
        g.find(Node.ANY, label, Node.ANY).forEach(t -> {
            if (t.getSubject().isURI() && t.getObject().isLiteral()
                    && t.getObject().getLiteralLexicalForm().toLowerCase(java.util.Locale.ROOT).startsWith("obsolete")) obsolete.add(t.getSubject());
        });
        for (Node o : obsolete) {
            if (replacedBy.containsKey(o)) continue;
            for (Triple t : g.find(Node.ANY, sub, o).toList()) {
                if (!t.getSubject().isURI() || t.getSubject().equals(o)) continue;
                g.delete(t);
                done.add(new Repair(t.getSubject().toString(), t.getPredicate().getURI(), o.getURI(), null));
            }
        }
        // an import that still declares such an obsolete parent only because of the dropped link: the class goes too
        // (the source marks it obsolete; a module re-extracted from the source would not contain it)
        for (Node o : obsolete) {
            if (replacedBy.containsKey(o) || g.contains(o, OWL2.deprecated.asNode(), Node.ANY)) continue;
            if (g.find(Node.ANY, Node.ANY, o).hasNext()) continue;
            g.find(o, Node.ANY, Node.ANY).toList().forEach(g::delete);
        }
        done.sort(java.util.Comparator.comparing(Repair::obsolete).thenComparing(Repair::subject));
        return done;
    }
}
