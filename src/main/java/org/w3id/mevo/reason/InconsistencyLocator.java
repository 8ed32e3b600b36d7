package org.w3id.mevo.reason;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.semanticweb.HermiT.Configuration;
import org.semanticweb.HermiT.ReasonerFactory;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.AxiomType;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLClassAssertionAxiom;
import org.semanticweb.owlapi.model.OWLDisjointClassesAxiom;
import org.semanticweb.owlapi.model.OWLIndividual;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyCreationException;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.reasoner.OWLReasoner;

/**
 * Finds where an inconsistent ontology goes wrong without handing HermiT the whole problem again and again.
 * Individuals linked by assertions form independent groups (a claim and the individuals it points to); the
 * groups are bisected, each half checked against the TBox alone, down to an inconsistent group, whose assertions
 * are then shrunk to a minimal set. The TBox disjointness axioms that bear on it are reported beside it.
 */
final class InconsistencyLocator {

    record Culprit(List<OWLAxiom> assertions, List<OWLAxiom> disjointness, Set<OWLIndividual> individuals) {}

    private final ReasonerFactory factory = new ReasonerFactory();
    private final Configuration cfg = new Configuration();
    private final List<OWLAxiom> tbox = new ArrayList<>();
    private int checks;

    InconsistencyLocator() { cfg.throwInconsistentOntologyException = false; }

    int checks() { return checks; }

    /** Empty when the TBox alone is inconsistent (then no assertion is to blame). */
    java.util.Optional<Culprit> locate(OWLOntology ont) {
        List<OWLAxiom> abox = new ArrayList<>();
        ont.logicalAxioms().forEach(ax -> {
            if (ax.isOfType(AxiomType.ABoxAxiomTypes)) abox.add(ax); else tbox.add(ax);
        });
        if (!consistent(List.of())) return java.util.Optional.empty();
        List<List<OWLAxiom>> groups = groups(abox);
        List<List<OWLAxiom>> candidates = groups;
        // bisect over groups while a half is inconsistent on its own
        while (candidates.size() > 1) {
            List<List<OWLAxiom>> left = candidates.subList(0, candidates.size() / 2);
            List<List<OWLAxiom>> right = candidates.subList(candidates.size() / 2, candidates.size());
            if (consistent(flatten(left))) {
                if (consistent(flatten(right))) break; // the clash needs both halves: stop bisecting
                candidates = right;
            } else {
                candidates = left;
            }
        }
        List<OWLAxiom> set = new ArrayList<>(flatten(candidates));
        if (set.size() > 400) return java.util.Optional.of(new Culprit(sorted(set).subList(0, 20), List.of(), Set.of()));
        // shrink: drop each assertion that is not needed for the inconsistency
        for (int i = set.size() - 1; i >= 0; i--) {
            OWLAxiom removed = set.remove(i);
            if (consistent(set)) set.add(i, removed);
        }
        Set<OWLIndividual> inds = new LinkedHashSet<>();
        set.forEach(ax -> inds.addAll(ax.individualsInSignature().collect(Collectors.toList())));
        return java.util.Optional.of(new Culprit(sorted(set), disjointnessFor(set), inds));
    }

    /** Disjointness axioms of the TBox that mention a class the culprit individuals are (inferred to be) members of. */
    private List<OWLAxiom> disjointnessFor(List<OWLAxiom> assertions) {
        List<OWLAxiom> out = new ArrayList<>();
        try {
            OWLOntologyManager m = OWLManager.createOWLOntologyManager();
            OWLOntology o = m.createOntology(new java.util.HashSet<>(tbox));
            OWLReasoner r = factory.createReasoner(o, cfg);
            Set<OWLClass> relevant = new TreeSet<>(Comparator.comparing(c -> c.getIRI().toString()));
            for (OWLAxiom ax : assertions) {
                if (ax instanceof OWLClassAssertionAxiom ca && !ca.getClassExpression().isAnonymous()) {
                    OWLClass c = ca.getClassExpression().asOWLClass();
                    relevant.add(c);
                    r.getSuperClasses(c, false).entities().forEach(relevant::add);
                }
            }
            // defined classes the individuals fall into, and their superclasses
            for (OWLAxiom ax : tbox) {
                if (ax instanceof OWLDisjointClassesAxiom d) {
                    boolean mentionsDefined = d.classExpressions().anyMatch(ce -> !ce.isAnonymous()
                            && o.equivalentClassesAxioms(ce.asOWLClass()).findAny().isPresent());
                    boolean mentionsRelevant = d.classExpressions().anyMatch(ce -> !ce.isAnonymous() && relevant.contains(ce.asOWLClass()));
                    if (mentionsRelevant || mentionsDefined) out.add(d);
                }
            }
            r.dispose();
        } catch (OWLOntologyCreationException e) {
            return out;
        }
        return sorted(out).stream().limit(5).toList();
    }

    private boolean consistent(List<OWLAxiom> abox) {
        checks++;
        try {
            OWLOntologyManager m = OWLManager.createOWLOntologyManager();
            Set<OWLAxiom> all = new java.util.HashSet<>(tbox);
            all.addAll(abox);
            OWLOntology o = m.createOntology(all);
            OWLReasoner r = factory.createReasoner(o, cfg);
            boolean ok = r.isConsistent();
            r.dispose();
            return ok;
        } catch (OWLOntologyCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Connected groups of assertions: individuals joined by any assertion that mentions both. */
    private static List<List<OWLAxiom>> groups(List<OWLAxiom> abox) {
        Map<OWLIndividual, OWLIndividual> parent = new HashMap<>();
        java.util.function.Function<OWLIndividual, OWLIndividual> find = new java.util.function.Function<>() {
            public OWLIndividual apply(OWLIndividual i) {
                OWLIndividual p = parent.getOrDefault(i, i);
                if (p.equals(i)) return i;
                OWLIndividual root = apply(p);
                parent.put(i, root);
                return root;
            }
        };
        for (OWLAxiom ax : abox) {
            List<OWLIndividual> inds = ax.individualsInSignature().map(x -> (OWLIndividual) x).toList();
            for (int i = 1; i < inds.size(); i++) {
                OWLIndividual a = find.apply(inds.get(0)), b = find.apply(inds.get(i));
                if (!a.equals(b)) parent.put(a, b);
            }
        }
        Map<OWLIndividual, List<OWLAxiom>> byRoot = new java.util.LinkedHashMap<>();
        List<OWLAxiom> noIndividual = new ArrayList<>();
        for (OWLAxiom ax : abox) {
            var first = ax.individualsInSignature().findFirst();
            if (first.isEmpty()) { noIndividual.add(ax); continue; }
            byRoot.computeIfAbsent(find.apply(first.get()), k -> new ArrayList<>()).add(ax);
        }
        List<List<OWLAxiom>> out = new ArrayList<>(byRoot.values());
        if (!noIndividual.isEmpty()) out.add(noIndividual);
        return out;
    }

    private static List<OWLAxiom> flatten(List<List<OWLAxiom>> groups) {
        List<OWLAxiom> out = new ArrayList<>();
        groups.forEach(out::addAll);
        return out;
    }

    private static List<OWLAxiom> sorted(java.util.Collection<OWLAxiom> axioms) {
        return axioms.stream().sorted(Comparator.comparing(Object::toString)).toList();
    }
}
