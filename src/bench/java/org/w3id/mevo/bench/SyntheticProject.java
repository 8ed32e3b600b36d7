package org.w3id.mevo.bench;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.assembler.JA;
import org.w3id.mevo.serve.ServerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.w3id.mevo.core.FileTrees;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.ProjectLayout;

/**
 * A copy of a MEVO checkout whose real claim tables are replaced by one seeded synthetic table
 * ({@link SyntheticClaims}), so the whole pipeline, the server and the query benchmark can run on a knowledge base of
 * any size: {@code ./mevo synth --claims 100000 --into DIR}, then {@code ./mevo build --project DIR}.
 * Everything else (ontology, imports, references, queries, server configuration) is copied unchanged, except the
 * server's result-size cap, raised to {@value #SYNTHETIC_RESULT_CAP} rows: on a large synthetic knowledge base some
 * example queries return more rows than the production cap (10,000), and the benchmark measures their full answers.
 */
public final class SyntheticProject {
    /** First numeric part of synthetic claim IDs: far above the real ones, so the two can never collide. */
    static final int FIRST_ID = 3_000_001;
    /** The result cap of the copy's server configuration. */
    static final long SYNTHETIC_RESULT_CAP = 5_000_000;

    public record Options(ProjectLayout source, Path target, int claims, long seed) {
        public Options {
            if (claims < 1 || claims > 5_000_000) throw new MevoException("--claims must be between 1 and 5,000,000, not " + claims);
        }
    }

    private SyntheticProject() {}

    /** Creates the copy; the target folder must not exist yet or be empty. Returns its layout. */
    public static ProjectLayout create(Options o) {
        Path target = o.target().toAbsolutePath().normalize();
        try {
            if (Files.isDirectory(target)) {
                try (var s = Files.list(target)) {
                    if (s.findAny().isPresent()) throw new MevoException(target + " is not empty; synth writes into a new folder");
                }
            }
            ProjectLayout src = o.source();
            FileTrees.copy(src.ontologyDir(), target.resolve("ontology"));
            FileTrees.copy(src.queriesDir(), target.resolve("queries"));
            FileTrees.copy(src.fusekiConfig().getParent(), target.resolve("fuseki-config"));
            ProjectLayout l = new ProjectLayout(target);
            raiseResultCap(l.fusekiConfig());
            List<Path> real = realClaimTables(src);
            for (Path t : real) Files.deleteIfExists(l.tablesDir().resolve(t.getFileName().toString()));
            SyntheticClaims.write(new SyntheticClaims.Options(real, o.claims(), o.seed(), FIRST_ID),
                    l.tablesDir().resolve("claims-synthetic.tsv"));
            return l;
        } catch (IOException e) {
            throw new MevoException("cannot create the synthetic project in " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sets the copy's {@code mevo:resultCap} context value (an assembler setting, read by serve/ServerSettings) to
     * {@value #SYNTHETIC_RESULT_CAP}: the configuration is read and written as RDF, not edited as text.
     */
    static void raiseResultCap(Path config) throws IOException {
        Model m = RDFDataMgr.loadModel(config.toString(), Lang.TURTLE);
        Property name = m.createProperty(JA.getURI(), "cxtName"), value = m.createProperty(JA.getURI(), "cxtValue");
        List<Resource> settings = m.listSubjectsWithProperty(name, ServerSettings.RESULT_CAP).toList();
        if (settings.size() != 1)
            throw new MevoException(config + ": expected one " + ServerSettings.RESULT_CAP + " setting to raise for the synthetic knowledge base, found " + settings.size());
        settings.get(0).removeAll(value).addProperty(value, Long.toString(SYNTHETIC_RESULT_CAP));
        try (var out = Files.newOutputStream(config)) {
            RDFDataMgr.write(out, m, RDFFormat.TURTLE_PRETTY);
        }
    }

    /** The real claim tables ({@code ontology/tables/claims-*.tsv}) the synthetic claims are drawn from and replace. */
    static List<Path> realClaimTables(ProjectLayout l) {
        try (Stream<Path> s = Files.list(l.tablesDir())) {
            return s.filter(p -> p.getFileName().toString().startsWith("claims-") && p.getFileName().toString().endsWith(".tsv")).sorted().toList();
        } catch (IOException e) {
            throw new MevoException("cannot list " + l.tablesDir() + ": " + e.getMessage(), e);
        }
    }
}
