package org.w3id.mevo.curate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.w3id.mevo.core.Prefixes;

/**
 * Resolves what curators write in table cells (a class label or a CURIE) to a class IRI of the ontology.
 * A CURIE must name a declared class; a label must be the exact rdfs:label of exactly one class.
 */
public final class TermResolver {
        private final Prefixes prefixes;
    private final Set<String> classes = new TreeSet<>();
    private final Map<String, List<String>> byLabel = new HashMap<>();
    private final Map<String, List<String>> byLowerLabel = new HashMap<>();
    private final java.util.Set<String> equivalentPairs = new java.util.HashSet<>();

    public TermResolver(Graph tbox, Prefixes prefixes) {
        this.prefixes = prefixes;
        tbox.find(Node.ANY, RDF.type.asNode(), OWL2.Class.asNode()).mapWith(Triple::getSubject)
                .filterKeep(Node::isURI).forEach(n -> classes.add(n.getURI()));
        tbox.find(Node.ANY, OWL2.equivalentClass.asNode(), Node.ANY).forEach(t -> {
            if (t.getSubject().isURI() && t.getObject().isURI()) {
                equivalentPairs.add(t.getSubject().getURI() + " " + t.getObject().getURI());
                equivalentPairs.add(t.getObject().getURI() + " " + t.getSubject().getURI());
            }
        });
        tbox.find(Node.ANY, RDFS.label.asNode(), Node.ANY).forEach(t -> {
            if (!t.getSubject().isURI() || !t.getObject().isLiteral()) return;
            String iri = t.getSubject().getURI();
            if (!classes.contains(iri)) return;
            String label = t.getObject().getLiteralLexicalForm().trim();
            byLabel.computeIfAbsent(label, k -> new ArrayList<>()).add(iri);
            byLowerLabel.computeIfAbsent(label.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(iri);
        });
    }

    /** The outcome of resolving one cell value: an IRI, or a message saying why not. */
    public record Resolution(String iri, String problem) {
        public boolean ok() { return iri != null; }
    }

    public Resolution resolveClass(String text) {
        if (Prefixes.looksLikeCurie(text) && !byLabel.containsKey(text)) {
            String prefix = text.substring(0, text.indexOf(':'));
            if (!prefixes.knowsPrefix(prefix))
                return new Resolution(null, "unknown prefix '" + prefix + "' in '" + text + "' (see ontology/prefixes.tsv)");
            String iri = prefixes.expand(text).orElseThrow();
            if (!classes.contains(iri))
                return new Resolution(null, "'" + text + "' is not a class of the ontology (add it to an imports table or a component)");
            return new Resolution(iri, null);
        }
        List<String> hits = byLabel.get(text);
        if (hits != null && hits.size() == 1) return new Resolution(hits.get(0), null);
        if (hits != null) {
            // classes declared equivalent may share a label: any of them is right; take MEVO's own
            String first = hits.stream().sorted((a, b) -> Boolean.compare(!org.w3id.mevo.core.MevoIris.isTerm(a), !org.w3id.mevo.core.MevoIris.isTerm(b)))
                    .findFirst().orElseThrow();
            if (hits.stream().allMatch(h -> h.equals(first) || equivalentPairs.contains(first + " " + h)))
                return new Resolution(first, null);
        }
        if (hits != null) return new Resolution(null, "label '" + text + "' is ambiguous: "
                + hits.stream().map(prefixes::shorten).toList() + "; use a CURIE");
        List<String> near = byLowerLabel.get(text.toLowerCase(Locale.ROOT));
        String hint = near == null ? "" : " (did you mean " + near.stream().map(prefixes::shorten).toList() + "?)";
        return new Resolution(null, "unknown label '" + text + "'" + hint);
    }

    public Prefixes prefixes() { return prefixes; }
}
