package org.w3id.mevo.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.graph.GraphFactory;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.curate.RdfFiles;

/** Validate: the SHACL shapes in {@code ontology/shapes/} state what a valid record is; they run on every build. */
public final class ShaclOperation {
    public record Options(Path shapesDir, int maxShown) {}

    private final StepLog log;

    public ShaclOperation(StepLog log) { this.log = log; }

    public void run(Graph data, org.w3id.mevo.core.Diagnostics d, Options o) {
        var step = log.start("shacl");
        Graph shapesGraph = GraphFactory.createDefaultGraph();
        List<Path> files = files(o.shapesDir());
        files.forEach(f -> org.w3id.mevo.core.Graphs.addAll(shapesGraph, RdfFiles.parse(f)));
        Shapes shapes = Shapes.parse(shapesGraph);
        ValidationReport report = ShaclValidator.get().validate(shapes, data);
        step.done("shape-files=" + files.size() + " shapes=" + shapes.numShapes() + " violations=" + report.getEntries().size());
        if (report.conforms()) return;
        StringBuilder sb = new StringBuilder("SHACL: " + report.getEntries().size() + " violation(s):");
        report.getEntries().stream().limit(o.maxShown()).forEach(e -> sb.append("\n  ").append(describe(e, d)));
        throw new MevoException(sb.toString());
    }

    private static String describe(ReportEntry e, org.w3id.mevo.core.Diagnostics d) {
        String focus = e.focusNode().isURI() ? e.focusNode().getURI() : e.focusNode().toString();
        String where = e.focusNode().isURI() ? d.location(focus) : null;
        String path = e.resultPath() == null ? "" : " " + d.curie(e.resultPath().toString().replaceAll("[<>]", ""));
        return (where == null ? "" : where + ": ") + d.curie(focus) + path + ": " + e.message();
    }

    private static List<Path> files(Path dir) { return org.w3id.mevo.core.TextFiles.list(dir, ".ttl"); }
}
