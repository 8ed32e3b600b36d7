package org.w3id.mevo.validate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLEntity;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.parameters.Imports;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.semanticweb.owlapi.vocab.OWL2Datatype;
import org.w3id.mevo.core.Diagnostics;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.OwlBridge;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.core.UnionView;

/**
 * Validate: the asserted ontology must be OWL 2 DL, or HermiT's answers mean nothing.
 *
 * <p>The OWL API's profile checker ({@link OWL2DLProfile}) sees everything except the <em>plain assertions</em>: a
 * triple whose subject is a declared named individual and whose object is not a blank node, that is a declaration of
 * that individual, a class assertion to a class that is not reserved vocabulary, or a property assertion with a
 * predicate that is not reserved vocabulary (or a built-in annotation property such as {@code rdfs:label}), and that
 * no {@code owl:Axiom} annotates. At 100k claims these are 3.8 M of the 3.85 M asserted triples, and passing them
 * through the OWL API's RDF parser cost about 50 s of CPU. What the OWL 2 DL rules ask of such a triple depends only
 * on the triple and on how its terms are declared, which the rest of the ontology says; so they are checked here, in
 * one pass over the triples, against the declarations of the OWL API's reading of the rest:
 * <ul>
 *   <li>a class assertion: the class is declared as a class;</li>
 *   <li>a property assertion: the predicate is declared as exactly one kind of property (or is a built-in annotation
 *       property); an object property has an IRI object, a data property a literal of a datatype of the OWL 2 datatype
 *       map ({@code xsd:date} is not) whose lexical form is in that datatype's lexical space; annotation values are
 *       free, as for the OWL API;</li>
 *   <li>every IRI is absolute; reserved vocabulary as an individual never counts as plain, so the OWL API sees it.</li>
 * </ul>
 * A plain assertion that breaks one of these is handed to the OWL API together with the rest of the ontology, so the
 * reported violations are the OWL API's own, worded as before ({@code ProfileCheckEquivalenceTest} plants each kind
 * of fault and requires the whole-graph OWL API check and this one to reject it naming the triple).
 */
public final class ProfileCheckOperation {
    public record Options(int maxReported) {
        public static Options defaults() { return new Options(20); }
    }

    /** Faulty plain assertions handed to the OWL API to word the violations (the report lists 20 at most anyway). */
    static final int MAX_EXAMINED = 200;

    private static final Node TYPE = RDF.type.asNode();
    private static final Node NAMED_INDIVIDUAL = OWL2.NamedIndividual.asNode();

    private final StepLog log;

    public ProfileCheckOperation(StepLog log) { this.log = log; }

    /** What the check found: the violations (OWL API objects) and how many plain assertions were checked in Jena. */
    public record Result(List<OWLProfileViolation> violations, long plainChecked, long owlApiTriples, long faultyPlain) {}

    /** The OWL 2 DL violations of the asserted graph (see the class comment for the division of the work). */
    public Result check(Graph asserted) {
        Plainness plain = new Plainness(asserted);
        // the rest, with the declarations of the individuals it mentions (an individual's other plain triples stay out)
        Graph rest = GraphFactory.createDefaultGraph();
        Set<Node> mentioned = new HashSet<>();
        long plainCount = 0;
        for (var it = asserted.find(); it.hasNext(); ) {
            Triple t = it.next();
            if (plain.test(t)) { plainCount++; continue; }
            rest.add(t);
            mentioned.add(t.getSubject());
            mentioned.add(t.getObject());
        }
        for (Node n : mentioned) if (plain.individuals.contains(n)) rest.add(Triple.create(n, TYPE, NAMED_INDIVIDUAL));
        mentioned.clear();
        OWLOntology ont = OwlBridge.toOwlApi(rest);
        List<OWLProfileViolation> restViolations = owlApiViolations(ont);

        Declarations decl = new Declarations(ont);
        List<Triple> faulty = new ArrayList<>();
        long faultyCount = 0;
        for (var it = asserted.find(); it.hasNext(); ) {
            Triple t = it.next();
            if (!plain.test(t) || decl.allows(t)) continue;
            faultyCount++;
            if (faulty.size() < MAX_EXAMINED) faulty.add(t);
        }
        if (faulty.isEmpty()) return new Result(restViolations, plainCount, rest.size(), 0);

        // the faulty assertions, with their terms' declarations, read by the OWL API together with the rest
        Graph extra = GraphFactory.createDefaultGraph();
        for (Triple t : faulty) {
            extra.add(t);
            for (Node n : List.of(t.getSubject(), t.getObject()))
                if (plain.individuals.contains(n)) extra.add(Triple.create(n, TYPE, NAMED_INDIVIDUAL));
        }
        Map<String, OWLProfileViolation> all = new LinkedHashMap<>();
        for (OWLProfileViolation v : owlApiViolations(OwlBridge.toOwlApi(UnionView.of(rest, extra)))) all.putIfAbsent(v.toString(), v);
        for (OWLProfileViolation v : restViolations) all.putIfAbsent(v.toString(), v);
        if (all.size() == restViolations.size()) {
            // never seen: each rule above mirrors one of the OWL API's; should the two ever disagree, the rule stands
            for (Triple t : faulty) all.putIfAbsent(t.toString(), new PlainAssertionViolation(ont, t, decl.why(t)));
        }
        return new Result(new ArrayList<>(all.values()), plainCount, rest.size() + extra.size(), faultyCount);
    }

    /** The OWL API's profile check of the whole graph, every triple through its RDF parser (the check before session 3). */
    static List<OWLProfileViolation> owlApiOnly(Graph g) { return owlApiViolations(OwlBridge.toOwlApi(g)); }

    private static List<OWLProfileViolation> owlApiViolations(OWLOntology ont) {
        return new OWL2DLProfile().checkOntology(ont).getViolations();
    }

    /** Which triples are plain assertions (see the class comment). */
    static final class Plainness {
        final Set<Node> individuals = new HashSet<>();
        private final Set<Triple> annotatedTriples = new HashSet<>();
        private final Map<Node, Boolean> plainPredicate = new HashMap<>();

        Plainness(Graph g) {
            g.find(Node.ANY, TYPE, NAMED_INDIVIDUAL).forEachRemaining(t -> {
                if (t.getSubject().isURI() && !reserved(t.getSubject())) individuals.add(t.getSubject());
            });
            // an annotated triple (owl:Axiom / owl:Annotation) is read together with its annotations by the OWL API
            g.find(Node.ANY, OWL2.annotatedSource.asNode(), Node.ANY).forEachRemaining(t -> {
                Node x = t.getSubject();
                for (Triple p : g.find(x, OWL2.annotatedProperty.asNode(), Node.ANY).toList())
                    for (Triple o : g.find(x, OWL2.annotatedTarget.asNode(), Node.ANY).toList())
                        annotatedTriples.add(Triple.create(t.getObject(), p.getObject(), o.getObject()));
            });
        }

        boolean test(Triple t) {
            Node o = t.getObject();
            if (o.isBlank() || !individuals.contains(t.getSubject())) return false;
            if (!annotatedTriples.isEmpty() && annotatedTriples.contains(t)) return false;
            Node p = t.getPredicate();
            if (p.equals(TYPE)) return o.isURI() && (o.equals(NAMED_INDIVIDUAL) || !reserved(o));
            if (!plainPredicate.computeIfAbsent(p, x -> !reserved(x) || IRI.create(x.getURI()).isBuiltinAnnotationProperty()))
                return false;
            return o.isLiteral() || !reserved(o);
        }
    }

    /** The OWL API's reading of the rest: how each term is declared, asked once per term. */
    static final class Declarations {
        private static final int OBJECT = 1, DATA = 2, ANNOTATION = 4;
        private final OWLOntology ont;
        private final OWLDataFactory df;
        private final Map<Node, Integer> kinds = new HashMap<>();
        private final Map<Node, Boolean> classes = new HashMap<>();
        private final Map<String, OWL2Datatype> datatypes = new HashMap<>();

        Declarations(OWLOntology ont) {
            this.ont = ont;
            this.df = ont.getOWLOntologyManager().getOWLDataFactory();
        }

        private int kinds(Node p) {
            return kinds.computeIfAbsent(p, x -> {
                IRI iri = IRI.create(x.getURI());
                int k = 0;
                if (ont.isDeclared(df.getOWLObjectProperty(iri), Imports.INCLUDED)) k |= OBJECT;
                if (ont.isDeclared(df.getOWLDataProperty(iri), Imports.INCLUDED)) k |= DATA;
                if (iri.isBuiltinAnnotationProperty() || ont.isDeclared(df.getOWLAnnotationProperty(iri), Imports.INCLUDED)) k |= ANNOTATION;
                return k;
            });
        }

        /** True when the plain assertion meets every OWL 2 DL rule that concerns it. */
        boolean allows(Triple t) { return why(t) == null; }

        /** Which rule the plain assertion breaks, or null. */
        String why(Triple t) {
            Node s = t.getSubject(), p = t.getPredicate(), o = t.getObject();
            if (!absolute(s) || !absolute(p) || (o.isURI() && !absolute(o))) return "an IRI is not absolute";
            if (p.equals(TYPE)) {
                if (o.equals(NAMED_INDIVIDUAL)) return null;
                return classes.computeIfAbsent(o, c -> ont.isDeclared(df.getOWLClass(IRI.create(c.getURI())), Imports.INCLUDED))
                        ? null : "the class is not declared";
            }
            int k = kinds(p);
            if (k == 0) return "the property is not declared";
            if (Integer.bitCount(k) > 1) return "the property is declared as more than one kind of property";
            if (k == OBJECT) return o.isURI() ? null : "an object property with a literal value";
            if (k == ANNOTATION) return null; // annotation values are not restricted (nor checked by the OWL API)
            if (!o.isLiteral()) return "a data property with an IRI value";
            if (!o.getLiteralLanguage().isEmpty()) return null; // rdf:PlainLiteral
            OWL2Datatype dt = datatypes.computeIfAbsent(o.getLiteralDatatypeURI(),
                    d -> OWL2Datatype.isBuiltIn(IRI.create(d)) ? OWL2Datatype.getDatatype(IRI.create(d)) : null);
            if (dt == null) return "the literal's datatype is not in the OWL 2 datatype map";
            return dt.isInLexicalSpace(o.getLiteralLexicalForm()) ? null : "the literal is not in its datatype's lexical space";
        }
    }

    /** Reserved vocabulary (rdf:, rdfs:, owl:, xsd:) as the OWL API decides it; other IRIs are ruled out cheaply. */
    static boolean reserved(Node n) {
        return n.isURI() && n.getURI().startsWith("http://www.w3.org/") && IRI.create(n.getURI()).isReservedVocabulary();
    }

    /** An IRI with a scheme, as {@code IRI.isAbsolute()} decides it (letters, digits, '.', '+', '-' before the first ':'). */
    static boolean absolute(Node n) {
        String s = n.getURI();
        int colon = s.indexOf(':');
        if (colon <= 0) return false;
        for (int i = 0; i < colon; i++) {
            char ch = s.charAt(i);
            if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '.' && ch != '+' && ch != '-') return false;
        }
        return true;
    }

    /** A plain assertion that breaks a rule the OWL API did not word (a safety net; see {@link #check}). */
    static final class PlainAssertionViolation extends OWLProfileViolation {
        private final String text;

        final String subject;

        PlainAssertionViolation(OWLOntology ont, Triple t, String why) {
            super(ont, null, null);
            this.text = "Not OWL 2 DL (" + why + "): " + nodeText(t.getSubject()) + " " + nodeText(t.getPredicate())
                    + " " + nodeText(t.getObject());
            this.subject = t.getSubject().getURI();
        }

        private static String nodeText(Node n) {
            return n.isURI() ? "<" + n.getURI() + ">" : n.toString();
        }

        @Override public void accept(org.semanticweb.owlapi.profiles.OWLProfileViolationVisitor visitor) { }
        @Override public <O> java.util.Optional<O> accept(org.semanticweb.owlapi.profiles.OWLProfileViolationVisitorEx<O> visitor) {
            return java.util.Optional.empty();
        }
        @Override public String toString() { return text; }
    }

    /** The violation with IRIs shortened to CURIEs and the ontology id suffix dropped. */
    static String describe(OWLProfileViolation v, Function<String, String> shorten) {
        String text = v.toString().replace('\n', ' ').replaceAll(" in OntologyID\\(.*\\)\\]$", "]");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<(https?://[^>]+)>").matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(shorten.apply(m.group(1))));
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * Where the violation was curated ("file:line"): the table row of an individual it names, else the file of a term
     * it names; null when none is known.
     */
    static String location(OWLProfileViolation v, Diagnostics d) {
        if (v instanceof PlainAssertionViolation p) return d.recordLocation(p.subject);
        OWLAxiom ax = v.getAxiom();
        if (ax == null) return null;
        List<OWLEntity> entities = new ArrayList<>(ax.signature().toList());
        entities.sort(Comparator.comparing((OWLEntity e) -> !e.isOWLNamedIndividual()).thenComparing(e -> e.getIRI().toString()));
        for (OWLEntity e : entities) {
            String loc = d.recordLocation(e.getIRI().toString());
            if (loc != null) return loc;
        }
        return null;
    }

    public void run(Graph asserted, Diagnostics d, Options o) {
        var step = log.start("profile");
        Result r = check(asserted);
        List<OWLProfileViolation> v = r.violations();
        step.done("profile=OWL2-DL violations=" + v.size() + " plain-assertions=" + r.plainChecked()
                + " owlapi-triples=" + r.owlApiTriples());
        if (!v.isEmpty()) {
            StringBuilder sb = new StringBuilder("the ontology is not OWL 2 DL (" + v.size() + " violation(s)):");
            v.stream().limit(o.maxReported()).forEach(x -> {
                sb.append("\n  ").append(describe(x, d::curie));
                String loc = location(x, d);
                if (loc != null) sb.append(" (").append(loc).append(')');
            });
            if (r.faultyPlain() > MAX_EXAMINED)
                sb.append("\n(").append(r.faultyPlain()).append(" plain assertions break these rules; the first ")
                        .append(MAX_EXAMINED).append(" are reported)");
            sb.append("\n(an undeclared external class needs a row in an ontology/imports/*.tsv table)");
            throw new MevoException(sb.toString());
        }
    }
}
