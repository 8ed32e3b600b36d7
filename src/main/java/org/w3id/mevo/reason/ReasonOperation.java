package org.w3id.mevo.reason;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import com.clarkparsia.owlapi.explanation.BlackBoxExplanation;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.semanticweb.HermiT.Configuration;
import org.semanticweb.HermiT.ReasonerFactory;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.manchestersyntax.renderer.ManchesterOWLSyntaxOWLObjectRendererImpl;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLEntity;
import org.semanticweb.owlapi.model.OWLNamedIndividual;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.reasoner.InferenceType;
import org.semanticweb.owlapi.reasoner.OWLReasoner;
import org.w3id.mevo.core.Diagnostics;
import org.w3id.mevo.core.OwlBridge;
import org.w3id.mevo.core.StepLog;

/**
 * Reason: HermiT checks consistency and coherence, then every entailed (non-trivial) subclass link between
 * named classes and every entailed type of a named individual is materialised into the inferred graph, so that
 * plain SPARQL sees them without a reasoner at query time.
 */
public final class ReasonOperation {

    /** How individuals are realised: HermiT on the whole ontology, or HermiT on the TBox plus {@link StructuralRealiser}. */
    public enum Realisation { HERMIT, STRUCTURAL, AUTO }

    /**
     * @param maxExplained how many unsatisfiable classes get a full explanation in the failure message
     * @param realisation the ABox strategy; AUTO = structural when the ABox has more than {@code autoThreshold}
     *                    individuals and the realiser's preconditions hold, HermiT otherwise
     */
    public record Options(int maxExplained, Realisation realisation, int autoThreshold) {
        public static Options defaults() { return new Options(3, Realisation.AUTO, 20_000); }
        public Options with(Realisation r) { return new Options(maxExplained, r, autoThreshold); }
    }

    /** @param inferred triples HermiT entails that are not asserted */
    public record Result(Graph inferred, int classes, int individuals, int subClassLinks, int typeLinks, long reasonMs,
                         Realisation realisation) {}

    private final StepLog log;

    public ReasonOperation(StepLog log) { this.log = log; }

    /**
     * Reasons over TBox and ABox given apart, choosing the realisation strategy by {@link Options#realisation()}.
     * @param diag CURIEs and curation locations ("file:line") for the failure messages
     */
    public Result run(Graph tbox, Graph abox, Diagnostics diag, Options o) {
        long individuals = abox.find(Node.ANY, RDF.type.asNode(), org.apache.jena.vocabulary.OWL2.NamedIndividual.asNode()).toList().size();
        boolean structural = o.realisation() == Realisation.STRUCTURAL
                || (o.realisation() == Realisation.AUTO && individuals > o.autoThreshold());
        if (structural) {
            var r = runStructural(tbox, abox, diag, o);
            if (r != null) return r;
        }
        Graph asserted = org.w3id.mevo.core.Graphs.union(tbox, abox);
        return run(asserted, diag, o);
    }

    /** HermiT classifies the TBox; the structural realiser types the individuals. Null when its preconditions fail. */
    private Result runStructural(Graph tbox, Graph abox, Diagnostics diag, Options o) {
        Function<String, String> shorten = diag::curie;
        var step = log.start("reason");
        AboxShape shape = AboxShape.of(tbox, abox);
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology tOnt = OwlBridge.toOwlApi(tbox, manager);
        List<String> why = StructuralRealiser.unsupported(tOnt, shape.objectProps(), shape.dataProps(), shape.other());
        if (!why.isEmpty()) {
            step.done("structural realisation not applicable (" + why.size() + " reason(s), e.g. " + why.get(0) + "); using HermiT on the whole ontology");
            return null;
        }
        Configuration cfg = new Configuration();
        cfg.throwInconsistentOntologyException = false;
        ReasonerFactory factory = new ReasonerFactory();
        OWLReasoner reasoner = factory.createReasoner(tOnt, cfg);
        try {
            if (!reasoner.isConsistent()) throw inconsistent(tOnt, diag);
            reasoner.precomputeInferences(InferenceType.CLASS_HIERARCHY);
            requireCoherent(tOnt, factory, reasoner, shorten, o);
            Graph inferred = GraphFactory.createDefaultGraph();
            List<OWLClass> classes = tOnt.classesInSignature().filter(c -> !c.isBuiltIn())
                    .sorted(Comparator.comparing(c -> c.getIRI().toString())).toList();
            int sub = subclassInferences(classes, reasoner, tbox, inferred);
            long tReason = System.nanoTime();
            var outcome = new StructuralRealiser(tOnt, reasoner).realise(abox);
            if (!outcome.clashes().isEmpty()) throw clashes(outcome, diag);
            int types = addInferredTypes(outcome, inferred);
            long ms = step.done("classes=" + classes.size() + " individuals=" + outcome.types().size()
                    + " inferred-subclass=" + sub + " inferred-type=" + types + " consistent=yes coherent=yes realisation=structural("
                    + (System.nanoTime() - tReason) / 1_000_000 + " ms)");
            return new Result(inferred, classes.size(), outcome.types().size(), sub, types, ms, Realisation.STRUCTURAL);
        } finally {
            reasoner.dispose();
        }
    }

    /**
     * What the ABox uses, which decides whether the structural realiser applies: the object and data properties
     * between individuals, and whether anything else occurs (sameAs, differentFrom, blank-node subjects).
     */
    private record AboxShape(Set<String> objectProps, Set<String> dataProps, boolean other) {
        static AboxShape of(Graph tbox, Graph abox) {
            Set<String> objectProps = new java.util.HashSet<>(), dataProps = new java.util.HashSet<>();
            Set<Node> individuals = new java.util.HashSet<>();
            abox.find(Node.ANY, RDF.type.asNode(), org.apache.jena.vocabulary.OWL2.NamedIndividual.asNode()).forEach(t -> individuals.add(t.getSubject()));
            boolean[] other = {false};
            abox.find().forEach(t -> {
                String p = t.getPredicate().getURI();
                if (t.getPredicate().equals(RDF.type.asNode())) return;
                if (p.equals(org.apache.jena.vocabulary.OWL2.sameAs.getURI()) || p.equals(org.apache.jena.vocabulary.OWL2.differentFrom.getURI())
                        || t.getSubject().isBlank()) { other[0] = true; return; }
                if (individuals.contains(t.getObject())) objectProps.add(p);
                else if (t.getObject().isLiteral() && tbox.contains(t.getPredicate(), RDF.type.asNode(), org.apache.jena.vocabulary.OWL2.DatatypeProperty.asNode())) dataProps.add(p);
            });
            return new AboxShape(objectProps, dataProps, other[0]);
        }
    }

    /** The failure naming (up to 10 of) the individuals that fall into disjoint classes, with their table rows. */
    private static ReasoningFailure clashes(StructuralRealiser.Outcome outcome, Diagnostics diag) {
        Function<String, String> shorten = diag::curie;
        StringBuilder sb = new StringBuilder("HermiT + structural realisation: the ontology is inconsistent: "
                + outcome.clashes().size() + " individual(s) fall into disjoint classes:");
        List<String> names = new ArrayList<>();
        outcome.clashes().entrySet().stream().limit(10).forEach(e -> {
            String iri = e.getKey().getURI();
            names.add(shorten.apply(iri));
            String loc = diag.location(iri);
            sb.append("\n  ").append(shorten.apply(iri)).append(loc == null ? "" : " (" + loc + ")").append(": ")
              .append(String.join("; ", e.getValue().stream().map(x -> shortenAll(x, shorten)).toList()));
        });
        return new ReasoningFailure(sb.toString(), names);
    }

    /** Adds each individual's inferred types (not asserted, not owl:Thing) to {@code inferred}; returns how many. */
    private static int addInferredTypes(StructuralRealiser.Outcome outcome, Graph inferred) {
        int types = 0;
        String thing = org.apache.jena.vocabulary.OWL2.Thing.getURI();
        // Added individual by individual in IRI order, not in the realiser's HashMap order: Jena's in-memory graphs
        // keep triples in open-addressing hash tables, and inserting millions of triples sorted by (Java) hash
        // code builds long probe runs that slow every later insertion and lookup on that graph (measured: 1 M
        // triples 12 s in HashMap order, 0.9 s in IRI order; 100k claims: realisation 122-128 s -> 21 s).
        java.util.Map<String, Node> classNodes = new java.util.HashMap<>();
        List<Node> inIriOrder = new ArrayList<>(outcome.types().keySet());
        inIriOrder.sort(Comparator.comparing(Node::toString));
        for (Node x : inIriOrder) {
            Set<String> own = outcome.asserted().get(x);
            for (String c : outcome.types().get(x)) {
                if (own.contains(c) || c.equals(thing)) continue;
                inferred.add(Triple.create(x, RDF.type.asNode(), classNodes.computeIfAbsent(c, NodeFactory::createURI)));
                types++;
            }
        }
        return types;
    }

    private static String shortenAll(String text, Function<String, String> shorten) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("https?://\\S+").matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(shorten.apply(m.group())));
        m.appendTail(sb);
        return sb.toString();
    }

    private static int subclassInferences(List<OWLClass> classes, OWLReasoner reasoner, Graph asserted, Graph inferred) {
        int sub = 0;
        for (OWLClass c : classes) {
            Node s = NodeFactory.createURI(c.getIRI().toString());
            Set<OWLClass> supers = new TreeSet<>(Comparator.comparing(x -> x.getIRI().toString()));
            reasoner.getSuperClasses(c, false).entities().filter(x -> !x.isOWLThing()).forEach(supers::add);
            reasoner.getEquivalentClasses(c).entities().filter(x -> !x.equals(c) && !x.isOWLThing()).forEach(supers::add);
            for (OWLClass d : supers) {
                Triple t = Triple.create(s, RDFS.subClassOf.asNode(), NodeFactory.createURI(d.getIRI().toString()));
                if (!asserted.contains(t)) { inferred.add(t); sub++; }
            }
        }
        return sub;
    }

    private static void requireCoherent(OWLOntology ont, ReasonerFactory factory, OWLReasoner reasoner,
                                        Function<String, String> shorten, Options o) {
        List<OWLClass> unsat = reasoner.getUnsatisfiableClasses().getEntitiesMinusBottom().stream()
                .sorted(Comparator.comparing(c -> c.getIRI().toString())).toList();
        if (unsat.isEmpty()) return;
        StringBuilder msg = new StringBuilder("HermiT: " + unsat.size() + " unsatisfiable class(es): ");
        List<String> names = new ArrayList<>();
        for (OWLClass c : unsat) names.add(shorten.apply(c.getIRI().toString()) + label(ont, c));
        msg.append(String.join(", ", names));
        for (OWLClass c : unsat.subList(0, Math.min(o.maxExplained(), unsat.size()))) {
            msg.append("\nWhy ").append(shorten.apply(c.getIRI().toString())).append(label(ont, c))
               .append(" is unsatisfiable:\n").append(explain(ont, factory, c, shorten, reasoner));
        }
        throw new ReasoningFailure(msg.toString(), unsat.stream().map(c -> shorten.apply(c.getIRI().toString())).toList());
    }

    /** HermiT on the whole ontology (TBox and ABox together). */
    private Result run(Graph asserted, Diagnostics diag, Options o) {
        Function<String, String> shorten = diag::curie;
        var step = log.start("reason");
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ont = OwlBridge.toOwlApi(asserted, manager);
        Configuration cfg = new Configuration();
        cfg.throwInconsistentOntologyException = false;
        ReasonerFactory factory = new ReasonerFactory();
        OWLReasoner reasoner = factory.createReasoner(ont, cfg);
        try {
            if (!reasoner.isConsistent()) {
                throw inconsistent(ont, diag);
            }
            reasoner.precomputeInferences(InferenceType.CLASS_HIERARCHY, InferenceType.CLASS_ASSERTIONS);
            requireCoherent(ont, factory, reasoner, shorten, o);
            Graph inferred = GraphFactory.createDefaultGraph();
            int types = 0;
            List<OWLClass> classes = ont.classesInSignature().filter(c -> !c.isBuiltIn())
                    .sorted(Comparator.comparing(c -> c.getIRI().toString())).toList();
            int sub = subclassInferences(classes, reasoner, asserted, inferred);
            List<OWLNamedIndividual> inds = ont.individualsInSignature()
                    .sorted(Comparator.comparing(i -> i.getIRI().toString())).toList();
            for (OWLNamedIndividual i : inds) {
                Node s = NodeFactory.createURI(i.getIRI().toString());
                for (OWLClass d : reasoner.getTypes(i, false).entities().filter(x -> !x.isOWLThing()).toList()) {
                    Triple t = Triple.create(s, RDF.type.asNode(), NodeFactory.createURI(d.getIRI().toString()));
                    if (!asserted.contains(t)) { inferred.add(t); types++; }
                }
            }
            long ms = step.done("classes=" + classes.size() + " individuals=" + inds.size()
                    + " inferred-subclass=" + sub + " inferred-type=" + types + " consistent=yes coherent=yes");
            return new Result(inferred, classes.size(), inds.size(), sub, types, ms, Realisation.HERMIT);
        } finally {
            reasoner.dispose();
        }
    }

    private static ReasoningFailure inconsistent(OWLOntology ont, Diagnostics diag) {
        Function<String, String> shorten = diag::curie;
        InconsistencyLocator locator = new InconsistencyLocator();
        var culprit = locator.locate(ont);
        ManchesterOWLSyntaxOWLObjectRendererImpl r = renderer(ont, shorten);
        StringBuilder sb = new StringBuilder("HermiT: the ontology is inconsistent (no model exists).");
        List<String> names = new ArrayList<>();
        if (culprit.isEmpty()) {
            sb.append(" The class axioms alone are contradictory:\n")
              .append(explain(ont, new ReasonerFactory(), ont.getOWLOntologyManager().getOWLDataFactory().getOWLThing(), shorten, null));
            return new ReasoningFailure(sb.toString(), names);
        }
        Set<String> where = new TreeSet<>();
        for (var i : culprit.get().individuals()) {
            if (!i.isNamed()) continue;
            String iri = i.asOWLNamedIndividual().getIRI().toString();
            names.add(shorten.apply(iri));
            String loc = diag.recordLocation(iri);
            if (loc != null) where.add(loc);
        }
        if (!where.isEmpty()) sb.append(" Curated at: ").append(String.join(", ", where)).append('.');
        sb.append("\nThese assertions cannot all hold:");
        culprit.get().assertions().forEach(ax -> sb.append("\n  ").append(r.render(ax).replace('\n', ' ')));
        if (!culprit.get().disjointness().isEmpty()) {
            sb.append("\ngiven the class axioms:");
            culprit.get().disjointness().forEach(ax -> sb.append("\n  ").append(r.render(ax).replace('\n', ' ')));
        }
        sb.append("\n(").append(locator.checks()).append(" HermiT checks to locate it)");
        return new ReasoningFailure(sb.toString(), names);
    }

    private static ManchesterOWLSyntaxOWLObjectRendererImpl renderer(OWLOntology ont, Function<String, String> shorten) {
        ManchesterOWLSyntaxOWLObjectRendererImpl r = new ManchesterOWLSyntaxOWLObjectRendererImpl();
        r.setShortFormProvider(entity -> shorten.apply(entity.getIRI().toString()) + label(ont, entity));
        return r;
    }

    private static String label(OWLOntology ont, OWLEntity e) {
        return org.semanticweb.owlapi.search.EntitySearcher.getAnnotations(e, ont)
                .filter(a -> a.getProperty().isLabel() && a.getValue().isLiteral())
                .map(a -> " '" + a.getValue().asLiteral().get().getLiteral() + "'")
                .findFirst().orElse("");
    }

    private static String explain(OWLOntology ont, ReasonerFactory factory,
                                  org.semanticweb.owlapi.model.OWLClassExpression what,
                                  Function<String, String> shorten, OWLReasoner reasoner) {
        Set<OWLAxiom> axioms;
        try {
            BlackBoxExplanation bb = reasoner == null ? new BlackBoxExplanation(ont, factory, factory.createReasoner(ont))
                    : new BlackBoxExplanation(ont, factory, reasoner);
            axioms = bb.getExplanation(what);
        } catch (RuntimeException e) {
            return "  (no explanation could be computed: " + e.getMessage() + ")";
        }
        ManchesterOWLSyntaxOWLObjectRendererImpl r = renderer(ont, shorten);
        List<String> lines = new ArrayList<>();
        for (OWLAxiom ax : axioms) lines.add("  " + r.render(ax).replace('\n', ' '));
        lines.sort(String::compareTo);
        return String.join("\n", lines);
    }

}
