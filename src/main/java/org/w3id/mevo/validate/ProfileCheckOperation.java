package org.w3id.mevo.validate;

import java.util.ArrayList;
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
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.OwlBridge;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.core.UnionView;

/** Validate: the asserted ontology must be OWL 2 DL (OWL API profile checker), or HermiT's answers mean nothing. */
public final class ProfileCheckOperation {
    public record Options(int maxReported) {
        public static Options defaults() { return new Options(20); }
    }

    private final StepLog log;

    public ProfileCheckOperation(StepLog log) { this.log = log; }

    /** ABox triples per OWL API check when the ABox is checked in parts (see {@link #violations}). */
    static final int PART_TRIPLES = 400_000;

    /**
     * The OWL 2 DL violations of the asserted graph. A small graph is checked whole. A large one (100k claims: 3.8 M
     * triples, which the OWL API holds in ~2.5 GB and ~50 s) is checked in parts: every part holds everything that is
     * not a plain assertion about a named individual (the TBox, declarations, blank-node structures) plus the plain
     * assertions (subject a named individual, object not a blank node) of some of the individuals, all of each one's
     * in the same part. Such an assertion's violations depend only on the assertion and on how its terms are declared,
     * which every part has, so the parts together report what the whole would; a violation seen by several parts is
     * reported once.
     */
    public List<OWLProfileViolation> violations(Graph asserted) {
        Node type = RDF.type.asNode();
        Set<Node> individuals = new HashSet<>();
        asserted.find(Node.ANY, type, OWL2.NamedIndividual.asNode()).forEachRemaining(t -> {
            if (t.getSubject().isURI()) individuals.add(t.getSubject());
        });
        java.util.function.Predicate<Triple> plain = t -> individuals.contains(t.getSubject()) && !t.getObject().isBlank();
        long plainCount = 0;
        for (var it = asserted.find(); it.hasNext(); ) if (plain.test(it.next())) plainCount++;
        if (plainCount <= PART_TRIPLES) return check(asserted);
        Graph common = GraphFactory.createDefaultGraph();
        asserted.find().forEachRemaining(t -> { if (!plain.test(t)) common.add(t); });
        Map<String, OWLProfileViolation> all = new LinkedHashMap<>();
        List<Node> order = new ArrayList<>(individuals);
        order.sort(java.util.Comparator.comparing(Node::getURI));
        individuals.clear();
        Graph part = GraphFactory.createDefaultGraph();
        int inPart = 0;
        for (int i = 0; i < order.size(); i++) {
            for (var it = asserted.find(order.get(i), Node.ANY, Node.ANY); it.hasNext(); ) {
                Triple t = it.next();
                if (!t.getObject().isBlank()) { part.add(t); inPart++; }
            }
            if (inPart >= PART_TRIPLES || i == order.size() - 1) {
                for (OWLProfileViolation v : check(UnionView.of(common, part))) all.putIfAbsent(v.toString(), v);
                part = GraphFactory.createDefaultGraph();
                inPart = 0;
            }
        }
        return new ArrayList<>(all.values());
    }

    private static List<OWLProfileViolation> check(Graph g) {
        OWLOntology ont = OwlBridge.toOwlApi(g);
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ont);
        return report.getViolations();
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

    public void run(Graph asserted, org.w3id.mevo.core.Diagnostics d, Options o) {
        Function<String, String> shorten = d::curie;
        var step = log.start("profile");
        List<OWLProfileViolation> v = violations(asserted);
        step.done("profile=OWL2-DL violations=" + v.size());
        if (!v.isEmpty()) {
            StringBuilder sb = new StringBuilder("the ontology is not OWL 2 DL (" + v.size() + " violation(s)):");
            v.stream().limit(o.maxReported()).forEach(x -> sb.append("\n  ").append(describe(x, shorten)));
            sb.append("\n(an undeclared external class needs a row in an ontology/imports/*.tsv table)");
            throw new MevoException(sb.toString());
        }
    }
}
