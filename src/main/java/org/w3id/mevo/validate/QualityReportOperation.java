package org.w3id.mevo.validate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.SparqlFiles;
import org.w3id.mevo.core.StepLog;

/**
 * Validate, the ROBOT-report way: every {@code ontology/checks/*.rq} is a SELECT whose rows are defects.
 * Its header says {@code # level: ERROR|WARN|INFO} and {@code # title: ...}; it selects ?entity (and may select ?value).
 * Any ERROR row fails the build.
 */
public final class QualityReportOperation {
    public enum Level { ERROR, WARN, INFO }

    /** @param prefixes declared to the checks as SHACL prefix declarations in graph {@link #PREFIX_GRAPH} */
    public record Options(Path checksDir, java.util.Map<String, String> prefixes) {}

    public static final String PREFIX_GRAPH = org.w3id.mevo.core.MevoIris.graph("prefixes");

    public record Finding(Level level, String rule, String entity, String value, String location) {
        public List<String> cells() { return java.util.Arrays.asList(level.name(), rule, entity, value, location); }
    }

    public record Report(List<Finding> findings, int checks) {
        public long count(Level l) { return findings.stream().filter(f -> f.level() == l).count(); }

        public String tsv() {
            var w = new org.w3id.mevo.curate.TsvFile.Writer().row("level", "rule", "entity", "value", "location");
            findings.forEach(f -> w.row(f.cells()));
            return w.toString();
        }
    }

    private final StepLog log;

    public QualityReportOperation(StepLog log) { this.log = log; }

    /** Runs the checks; returns the report without failing (see {@link #requireNoErrors}). */
    public Report run(Graph graph, org.w3id.mevo.core.Diagnostics d, Options o) {
        Function<String, String> shorten = d::curie;
        var step = log.start("report");
        Dataset ds = DatasetFactory.create(ModelFactory.createModelForGraph(graph));
        ds.addNamedModel(PREFIX_GRAPH, ModelFactory.createModelForGraph(prefixGraph(o.prefixes())));
        List<Finding> findings = new ArrayList<>();
        List<Path> files = SparqlFiles.list(o.checksDir());
        for (Path p : files) {
            SparqlFiles f = SparqlFiles.read(p);
            Level level = Level.valueOf(f.header().getOrDefault("level", "ERROR").toUpperCase(Locale.ROOT));
            try (QueryExecution qe = SparqlFiles.buildExecution(ds, f.query())) {
                ResultSet rs = qe.execSelect();
                while (rs.hasNext()) {
                    QuerySolution s = rs.next();
                    String entity = text(s.get("entity"), shorten);
                    String value = text(s.get("value"), shorten);
                    String iri = s.get("entity") != null && s.get("entity").isURIResource()
                            ? s.get("entity").asResource().getURI() : null;
                    findings.add(new Finding(level, f.name(), entity, value, iri == null ? null : d.location(iri)));
                }
            }
        }
        Report r = new Report(findings, files.size());
        step.done("checks=" + files.size() + " ERROR=" + r.count(Level.ERROR) + " WARN=" + r.count(Level.WARN)
                + " INFO=" + r.count(Level.INFO));
        return r;
    }

    /** The prefix map as SHACL declarations: [] sh:prefix "GO" ; sh:namespace "http://purl.obolibrary.org/obo/GO_"^^xsd:anyURI. */
    static Graph prefixGraph(java.util.Map<String, String> prefixes) {
        Graph g = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        String sh = "http://www.w3.org/ns/shacl#";
        prefixes.forEach((p, ns) -> {
            var b = org.apache.jena.graph.NodeFactory.createBlankNode();
            g.add(org.apache.jena.graph.Triple.create(b, org.apache.jena.graph.NodeFactory.createURI(sh + "prefix"),
                    org.apache.jena.graph.NodeFactory.createLiteralString(p)));
            g.add(org.apache.jena.graph.Triple.create(b, org.apache.jena.graph.NodeFactory.createURI(sh + "namespace"),
                    org.apache.jena.graph.NodeFactory.createLiteralDT(ns, org.apache.jena.datatypes.xsd.XSDDatatype.XSDanyURI)));
        });
        return g;
    }

    public static void requireNoErrors(Report r, int maxShown) {
        List<Finding> errors = r.findings().stream().filter(f -> f.level() == Level.ERROR).toList();
        if (errors.isEmpty()) return;
        StringBuilder sb = new StringBuilder("quality report: " + errors.size() + " ERROR finding(s):");
        errors.stream().limit(maxShown).forEach(f -> sb.append("\n  ").append(f.rule()).append(": ").append(f.entity())
                .append(f.value() == null || f.value().isEmpty() ? "" : " (" + f.value() + ")")
                .append(f.location() == null ? "" : " at " + f.location()));
        throw new MevoException(sb.toString());
    }

    private static String text(RDFNode n, Function<String, String> shorten) {
        if (n == null) return null;
        if (n.isURIResource()) return shorten.apply(n.asResource().getURI());
        if (n.isLiteral()) return n.asLiteral().getLexicalForm();
        return "_:blank";
    }
}
