package org.w3id.mevo.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.shared.PrefixMapping;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.StepLog;

/**
 * Publish: writes the release artefacts into a fresh sibling folder and only then swaps it into place, so a
 * failed or interrupted build never leaves a half-written release where the server looks.
 */
public final class PublishOperation {
    public record Options(Path releaseDir, Map<String, String> prefixes) {}

    /** What goes into a release. {@code info} is the build-info JSON text. */
    public record Content(Graph asserted, Graph inferred, Graph flat, String reportTsv, String info) {}

    private final StepLog log;

    public PublishOperation(StepLog log) { this.log = log; }

    public void run(Content c, Options o) {
        var step = log.start("publish");
        Path target = o.releaseDir().toAbsolutePath().normalize();
        Path parent = target.getParent();
        Path tmp = parent.resolve("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            Files.createDirectories(tmp);
            Graph reasoned = GraphFactory.createDefaultGraph();
            c.asserted().find().forEach(reasoned::add);
            c.inferred().find().forEach(reasoned::add);
            reasoned.getPrefixMapping().setNsPrefixes(o.prefixes()).setNsPrefixes(PrefixMapping.Standard);
            write(tmp.resolve(Release.OWL_FILE), reasoned, RDFFormat.RDFXML_PLAIN);
            write(tmp.resolve(Release.TURTLE_FILE), reasoned, RDFFormat.TURTLE_BLOCKS);
            DatasetGraph dsg = DatasetGraphFactory.createGeneral();
            dsg.addGraph(NodeFactory.createURI(Release.ASSERTED), c.asserted());
            dsg.addGraph(NodeFactory.createURI(Release.INFERRED), c.inferred());
            dsg.addGraph(NodeFactory.createURI(Release.FLAT), c.flat());
            try (OutputStream out = Files.newOutputStream(tmp.resolve(Release.DATASET_FILE))) {
                RDFDataMgr.write(out, dsg, RDFFormat.NQUADS_UTF8);
            }
            Files.writeString(tmp.resolve(Release.REPORT_FILE), c.reportTsv(), StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve(Release.INFO_FILE), c.info(), StandardCharsets.UTF_8);
            swap(tmp, target);
        } catch (IOException e) {
            deleteTree(tmp);
            throw new MevoException("cannot write release to " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
        step.done("dir=" + target + " reasoned-triples=" + (c.asserted().size() + c.inferred().size())
                + " quads=" + (c.asserted().size() + c.inferred().size() + c.flat().size()));
    }

    private static void write(Path file, Graph g, RDFFormat format) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            RDFDataMgr.write(out, g, format);
        }
    }

    /** Moves the old release aside, the new one in, then removes the old one. */
    private static void swap(Path fresh, Path target) throws IOException {
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
        if (Files.exists(target)) Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover temp folder is harmless and named as such
        }
    }
}
