package org.w3id.mevo.reason;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;

import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.semanticweb.owlapi.model.AxiomType;
import org.semanticweb.owlapi.model.ClassExpressionType;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLClassExpression;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLEquivalentClassesAxiom;
import org.semanticweb.owlapi.model.OWLObjectProperty;
import org.semanticweb.owlapi.model.OWLObjectSomeValuesFrom;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLSubClassOfAxiom;
import org.semanticweb.owlapi.reasoner.OWLReasoner;

/**
 * Realises a large ABox against a TBox that HermiT has classified, without handing HermiT the ABox: each individual's
 * types are the HermiT-computed superclasses of its asserted types, plus every defined class
 * {@code D ≡ A1 ⊓ … ⊓ ∃p.(F1 ⊔ …) ⊓ …} whose named conjuncts it has and whose existentials are met by an asserted
 * successor (or a successor its types imply), iterated to a fixpoint. Disjointness comes from HermiT, so a claim that
 * falls into two disjoint classes is caught. This is exact for ABoxes of named-class types and object-property links
 * when the TBox says nothing else about those properties; {@link #unsupported} lists what would break that, and the
 * caller then falls back to HermiT on the whole ontology. A test checks the two agree on the real knowledge base.
 */
final class StructuralRealiser {
    record Definition(OWLClass defined, Set<OWLClass> named, List<Existential> existentials) {}
    record Existential(OWLObjectProperty property, Set<OWLClass> fillers) {}
    /** A definition with IRIs as strings, ready for the inner loop. */
    record Compiled(String defined, String[] named, String[] properties, List<Set<String>> fillers) {}
    /** @param types every individual's full type set; @param asserted its asserted types (the difference is inferred) */
    record Outcome(Map<Node, Set<String>> types, Map<Node, Set<String>> asserted, Map<Node, List<String>> clashes) {}

    private final OWLOntology tbox;
    private final OWLReasoner reasoner;
    private final OWLDataFactory df;
    private final List<Definition> definitions = new ArrayList<>();
    private final Map<OWLClass, List<Existential>> toldExistentials = new HashMap<>();
    private final Map<String, List<Existential>> toldByIri = new HashMap<>();
    private final Map<String, Set<String>> superClosure = new HashMap<>();
    private final Map<String, Set<String>> superProps = new HashMap<>();
    private final Map<String, Set<String>> toldDisjoint = new HashMap<>();
    private List<Compiled> withExistentials;
    private List<Compiled> withoutExistentials;

    StructuralRealiser(OWLOntology tbox, OWLReasoner classifiedTbox) {
        this.tbox = tbox;
        this.reasoner = classifiedTbox;
        this.df = tbox.getOWLOntologyManager().getOWLDataFactory();
        tbox.axioms(AxiomType.EQUIVALENT_CLASSES).forEach(ax -> ax.namedClasses().forEach(d ->
                ax.getClassExpressionsMinus(d).stream().forEach(ce -> pattern(d, ce).ifPresent(definitions::add))));
        tbox.axioms(AxiomType.SUBCLASS_OF).forEach(ax -> {
            if (ax.getSubClass().isAnonymous()) return;
            existential(ax.getSuperClass()).ifPresent(e -> toldExistentials.computeIfAbsent(ax.getSubClass().asOWLClass(), k -> new ArrayList<>()).add(e));
        });
        for (Definition d : definitions) toldExistentials.computeIfAbsent(d.defined(), k -> new ArrayList<>()).addAll(d.existentials());
        toldExistentials.forEach((c, es) -> toldByIri.put(c.getIRI().toString(), es));
        tbox.axioms(AxiomType.DISJOINT_CLASSES).forEach(ax -> {
            List<OWLClass> named = ax.classExpressions().filter(c -> !c.isAnonymous()).map(OWLClassExpression::asOWLClass).toList();
            for (OWLClass a : named) for (OWLClass b : named) if (!a.equals(b))
                toldDisjoint.computeIfAbsent(a.getIRI().toString(), k -> new HashSet<>()).add(b.getIRI().toString());
        });
    }

    /** Why this TBox/ABox pair is outside what the structural realiser decides exactly; empty when it is inside. */
    static List<String> unsupported(OWLOntology tbox, Set<String> aboxObjectProperties, Set<String> aboxDataProperties,
                                    boolean aboxHasOtherAssertions) {
        List<String> why = new ArrayList<>();
        if (aboxHasOtherAssertions) why.add("the ABox has assertions other than named types and object/data property links");
        for (OWLAxiom ax : tbox.getAxioms()) {
            if (!ax.isLogicalAxiom()) continue;
            Set<String> props = new HashSet<>();
            ax.objectPropertiesInSignature().forEach(p -> props.add(p.getIRI().toString()));
            ax.dataPropertiesInSignature().forEach(p -> props.add(p.getIRI().toString()));
            boolean touchesAbox = props.stream().anyMatch(p -> aboxObjectProperties.contains(p) || aboxDataProperties.contains(p));
            if (ax.nestedClassExpressions().anyMatch(ce -> ce.getClassExpressionType() == ClassExpressionType.OBJECT_ONE_OF
                    || ce.getClassExpressionType() == ClassExpressionType.OBJECT_HAS_VALUE
                    || ce.getClassExpressionType() == ClassExpressionType.OBJECT_HAS_SELF)) {
                why.add("nominals or hasValue/hasSelf: " + ax);
                continue;
            }
            if (ax.nestedClassExpressions().anyMatch(ce -> switch (ce.getClassExpressionType()) {
                    case OBJECT_COMPLEMENT_OF, OBJECT_ALL_VALUES_FROM, OBJECT_MIN_CARDINALITY, OBJECT_MAX_CARDINALITY,
                         OBJECT_EXACT_CARDINALITY, DATA_ALL_VALUES_FROM, DATA_MIN_CARDINALITY, DATA_MAX_CARDINALITY,
                         DATA_EXACT_CARDINALITY -> true;
                    default -> false;
                }) || ax.getAxiomType() == AxiomType.DISJOINT_UNION) {
                why.add("negation, universal or cardinality restrictions can entail disjointness the realiser does not derive: " + ax);
                continue;
            }
            if (!touchesAbox) continue;
            AxiomType<?> t = ax.getAxiomType();
            if (t == AxiomType.EQUIVALENT_CLASSES) {
                OWLEquivalentClassesAxiom e = (OWLEquivalentClassesAxiom) ax;
                boolean ok = e.namedClasses().allMatch(d -> e.getClassExpressionsMinus(d).stream().allMatch(ce -> pattern(d, ce).isPresent()));
                if (!ok) why.add("a definition the realiser cannot evaluate uses an ABox property: " + ax);
            } else if (t == AxiomType.SUBCLASS_OF) {
                OWLSubClassOfAxiom s = (OWLSubClassOfAxiom) ax;
                if (s.getSubClass().isAnonymous()) why.add("a general class inclusion uses an ABox property: " + ax);
                else if (existential(s.getSuperClass()).isEmpty()) why.add("a superclass expression other than p some F uses an ABox property: " + ax);
            } else if (t == AxiomType.SUB_OBJECT_PROPERTY || t == AxiomType.DECLARATION) {
                // handled: property hierarchy comes from the reasoner
            } else if (t == AxiomType.DATA_PROPERTY_RANGE || t == AxiomType.FUNCTIONAL_DATA_PROPERTY) {
                // constrain literal values only (checked when the tables are compiled); they add no types
            } else {
                why.add("an axiom about an ABox property: " + ax);
            }
        }
        return why;
    }

    private static java.util.Optional<Definition> pattern(OWLClass d, OWLClassExpression ce) {
        List<OWLClassExpression> conj = new ArrayList<>(ce.asConjunctSet());
        Set<OWLClass> named = new HashSet<>();
        List<Existential> ex = new ArrayList<>();
        for (OWLClassExpression c : conj) {
            if (!c.isAnonymous()) { named.add(c.asOWLClass()); continue; }
            var e = existential(c);
            if (e.isEmpty()) return java.util.Optional.empty();
            ex.add(e.get());
        }
        return java.util.Optional.of(new Definition(d, named, ex));
    }

    private static java.util.Optional<Existential> existential(OWLClassExpression c) {
        if (c.getClassExpressionType() != ClassExpressionType.OBJECT_SOME_VALUES_FROM) return java.util.Optional.empty();
        OWLObjectSomeValuesFrom s = (OWLObjectSomeValuesFrom) c;
        if (s.getProperty().isAnonymous()) return java.util.Optional.empty();
        Set<OWLClass> fillers = new HashSet<>();
        OWLClassExpression f = s.getFiller();
        if (!f.isAnonymous()) fillers.add(f.asOWLClass());
        else if (f.getClassExpressionType() == ClassExpressionType.OBJECT_UNION_OF) {
            for (OWLClassExpression u : f.asDisjunctSet()) {
                if (u.isAnonymous()) return java.util.Optional.empty();
                fillers.add(u.asOWLClass());
            }
        } else return java.util.Optional.empty();
        return java.util.Optional.of(new Existential(s.getProperty().asOWLObjectProperty(), fillers));
    }

    Outcome realise(Graph abox) {
        Map<Node, Set<String>> asserted = new LinkedHashMap<>();
        Map<Node, List<Node[]>> links = new HashMap<>();
        abox.find(Node.ANY, RDF.type.asNode(), OWL2.NamedIndividual.asNode()).forEach(t -> asserted.put(t.getSubject(), new HashSet<>()));
        abox.find(Node.ANY, RDF.type.asNode(), Node.ANY).forEach(t -> {
            if (t.getObject().isURI() && asserted.containsKey(t.getSubject()) && !t.getObject().equals(OWL2.NamedIndividual.asNode()))
                asserted.get(t.getSubject()).add(t.getObject().getURI());
        });
        abox.find().forEach(t -> {
            if (asserted.containsKey(t.getSubject()) && asserted.containsKey(t.getObject()) && !t.getPredicate().equals(RDF.type.asNode()))
                links.computeIfAbsent(t.getSubject(), k -> new ArrayList<>()).add(new Node[] {t.getPredicate(), t.getObject()});
        });
        // types start as the (shared, cached) superclass closure of the asserted types; copied only when a definition adds
        Map<Node, Set<String>> types = new HashMap<>(asserted.size() * 2);
        asserted.forEach((x, ts) -> {
            if (ts.size() == 1) { types.put(x, supers(ts.iterator().next())); return; }
            Set<String> all = new HashSet<>();
            ts.forEach(c -> all.addAll(supers(c)));
            types.put(x, all);
        });
        compile();
        Set<Node> owned = new HashSet<>();
        // pass 1: every individual, purely named definitions (to a fixpoint per individual)
        // (an individual without links can still meet an existential through successors its own types imply)
        for (Node x : asserted.keySet()) {
            boolean grew = true;
            while (grew) {
                grew = applyDefinitions(x, withoutExistentials, types, owned, links);
                if (!links.containsKey(x)) grew |= applyDefinitions(x, withExistentials, types, owned, links);
            }
        }
        // then only individuals with links can meet definitions with existentials; iterate to a fixpoint
        boolean changed = true;
        int rounds = 0;
        while (changed && rounds++ < 20) {
            changed = false;
            for (Node x : links.keySet()) {
                boolean grew = applyDefinitions(x, withExistentials, types, owned, links);
                if (grew) while (applyDefinitions(x, withoutExistentials, types, owned, links)) { /* until stable */ }
                changed |= grew;
            }
        }
        Map<Node, List<String>> clashes = new LinkedHashMap<>();
        for (Node x : asserted.keySet()) {
            Set<String> tx = types.get(x);
            List<String> clash = new ArrayList<>();
            if (tx.contains(OWL2.Nothing.getURI())) clash.add(OWL2.Nothing.getURI());
            for (String c : tx) for (String dj : disjointWith(c)) if (tx.contains(dj) && c.compareTo(dj) < 0) clash.add(c + " disjoint with " + dj);
            if (!clash.isEmpty()) clashes.put(x, clash);
        }
        return new Outcome(types, asserted, clashes);
    }

    private void compile() {
        if (withExistentials != null) return;
        withExistentials = new ArrayList<>();
        withoutExistentials = new ArrayList<>();
        for (Definition d : definitions) {
            String[] named = d.named().stream().map(c -> c.getIRI().toString()).toArray(String[]::new);
            String[] props = d.existentials().stream().map(e -> e.property().getIRI().toString()).toArray(String[]::new);
            List<Set<String>> fillers = new ArrayList<>();
            for (Existential e : d.existentials()) {
                Set<String> f = new HashSet<>();
                e.fillers().forEach(c -> f.add(c.getIRI().toString()));
                fillers.add(f);
            }
            Compiled c = new Compiled(d.defined().getIRI().toString(), named, props, fillers);
            (props.length == 0 ? withoutExistentials : withExistentials).add(c);
        }
    }

    /** Adds every defined class x now meets; true if x's types grew. Copies a shared type set before the first change. */
    private boolean applyDefinitions(Node x, List<Compiled> defs, Map<Node, Set<String>> types, Set<Node> owned,
                                     Map<Node, List<Node[]>> links) {
        boolean grew = false;
        for (Compiled d : defs) {
            Set<String> tx = types.get(x);
            if (tx.contains(d.defined())) continue;
            boolean ok = true;
            for (String a : d.named()) if (!tx.contains(a)) { ok = false; break; }
            if (!ok) continue;
            for (int i = 0; i < d.properties().length && ok; i++) ok = satisfied(x, tx, d.properties()[i], d.fillers().get(i), links, types);
            if (!ok) continue;
            Set<String> mine = tx;
            if (owned.add(x)) { mine = new HashSet<>(tx); types.put(x, mine); }
            mine.addAll(supers(d.defined()));
            grew = true;
        }
        return grew;
    }

    private boolean satisfied(Node x, Set<String> tx, String p, Set<String> fillers, Map<Node, List<Node[]>> links,
                              Map<Node, Set<String>> types) {
        for (Node[] l : links.getOrDefault(x, List.of())) {
            if (!superProperties(l[0].getURI()).contains(p)) continue;
            for (String t : types.get(l[1])) if (fillers.contains(t)) return true;
        }
        // successors implied by the individual's own types (C ⊑ ∃q.F with q ⊑ p and F ⊑ a filler)
        for (String c : tx) {
            List<Existential> told = toldByIri.get(c);
            if (told == null) continue;
            for (Existential e : told) {
                if (!superProperties(e.property().getIRI().toString()).contains(p)) continue;
                for (OWLClass f : e.fillers()) for (String s : supers(f.getIRI().toString())) if (fillers.contains(s)) return true;
            }
        }
        return false;
    }

    private Set<String> supers(String c) {
        return superClosure.computeIfAbsent(c, k -> {
            OWLClass cls = df.getOWLClass(IRI.create(k));
            Set<String> s = new HashSet<>();
            s.add(k);
            reasoner.getSuperClasses(cls, false).entities().forEach(x -> s.add(x.getIRI().toString()));
            reasoner.getEquivalentClasses(cls).entities().forEach(x -> s.add(x.getIRI().toString()));
            return s;
        });
    }

    private Set<String> superProperties(String p) {
        return superProps.computeIfAbsent(p, k -> {
            Set<String> s = new HashSet<>();
            s.add(k);
            OWLObjectProperty op = df.getOWLObjectProperty(IRI.create(k));
            reasoner.getSuperObjectProperties(op, false).entities().forEach(x -> { if (!x.isAnonymous()) s.add(x.asOWLObjectProperty().getIRI().toString()); });
            reasoner.getEquivalentObjectProperties(op).entities().forEach(x -> { if (!x.isAnonymous()) s.add(x.asOWLObjectProperty().getIRI().toString()); });
            return s;
        });
    }

    /** Told disjointness; type sets are closed under superclasses, so a clash shows as both members of a told pair. */
    private Set<String> disjointWith(String c) {
        return toldDisjoint.getOrDefault(c, Set.of());
    }

}
