package org.w3id.mevo.validate;

import java.util.List;
import java.util.function.Function;
import org.apache.jena.graph.Graph;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.OwlBridge;
import org.w3id.mevo.core.StepLog;

/** Validate: the asserted ontology must be OWL 2 DL (OWL API profile checker), or HermiT's answers mean nothing. */
public final class ProfileCheckOperation {
    public record Options(int maxReported) {
        public static Options defaults() { return new Options(20); }
    }

    private final StepLog log;

    public ProfileCheckOperation(StepLog log) { this.log = log; }

    public List<OWLProfileViolation> violations(Graph asserted) {
        OWLOntology ont = OwlBridge.toOwlApi(asserted);
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
