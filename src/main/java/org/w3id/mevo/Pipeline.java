package org.w3id.mevo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.w3id.mevo.core.Diagnostics;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.Prefixes;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.curate.CurateOperation;
import org.w3id.mevo.curate.CuratedKb;
import org.w3id.mevo.publish.BuildInfo;
import org.w3id.mevo.publish.FlattenOperation;
import org.w3id.mevo.publish.PublishOperation;
import org.w3id.mevo.publish.Release;
import org.w3id.mevo.reason.ReasonOperation;
import org.w3id.mevo.validate.ProfileCheckOperation;
import org.w3id.mevo.validate.QualityReportOperation;
import org.w3id.mevo.validate.ShaclOperation;

/** The whole build, in the order the folders suggest: curate -> validate -> reason -> publish. */
public final class Pipeline {
    /** @param releaseDir where the release goes (README: {@code release/}) */
    public record Options(ProjectLayout layout, Path releaseDir, ReasonOperation.Options reasoning) {
        public Options(ProjectLayout layout, Path releaseDir) { this(layout, releaseDir, ReasonOperation.Options.defaults()); }
        public static Options of(ProjectLayout layout) { return new Options(layout, layout.defaultReleaseDir()); }
    }

    /** Counts and timings of one build, as printed and as written to build-info.json. */
    public record Summary(long totalMs, long reasonMs, int classes, int individuals, int inferredSubclass,
                          int inferredTypes, long assertedTriples, long inferredTriples, long flatTriples,
                          long warnings, String fingerprint) {}

    private final StepLog log;

    public Pipeline(StepLog log) { this.log = log; }

    public Summary build(Options o) {
        long t0 = System.nanoTime();
        ProjectLayout l = o.layout();
        Prefixes prefixes = Prefixes.load(l.prefixes());
        String fingerprint = fingerprint(l);

        CuratedKb kb = new CurateOperation(log).run(CurateOperation.Options.of(l));
        Graph asserted = kb.asserted();
        Diagnostics d = new Diagnostics(prefixes, kb.locations());

        Checked c = validateAndReason(kb, d, prefixes, o);
        ReasonOperation.Result reasoned = c.reasoned();
        Graph flat = c.flat();
        QualityReportOperation.Report report = c.report();
        Graph examples = new org.w3id.mevo.publish.ExamplesOperation(log).run(
                new org.w3id.mevo.publish.ExamplesOperation.Options(l.queriesDir(), org.w3id.mevo.core.MevoIris.SPARQL_ENDPOINT));
        // the description (SPARQL over every graph, ~30 s of CPU at 100k claims) is computed on its own threads while
        // publish writes the other artefacts; publish asks for it last, and a failure of either fails the build
        var described = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> describe(l, asserted, reasoned.inferred(), flat, examples),
                r -> { Thread t = new Thread(r, "mevo-describe-main"); t.setDaemon(true); t.start(); });

        long totalMs = (System.nanoTime() - t0) / 1_000_000;
        Summary s = new Summary(totalMs, reasoned.reasonMs(), reasoned.classes(), reasoned.individuals(),
                reasoned.subClassLinks(), reasoned.typeLinks(), asserted.size(), reasoned.inferred().size(), flat.size(),
                report.count(QualityReportOperation.Level.WARN), fingerprint);
        new PublishOperation(log).run(new PublishOperation.Content(kb.ontologyIri(), kb.tbox(), kb.abox(), reasoned.inferred(),
                flat, () -> java.util.Map.of(org.w3id.mevo.publish.ExamplesOperation.GRAPH, examples,
                        org.w3id.mevo.publish.DescribeOperation.GRAPH, await(described)), report.tsv(), info(s, kb.ontologyIri())),
                new PublishOperation.Options(o.releaseDir(), prefixes.asMap(), PublishOperation.releaseDate()));
        log.info(String.format(Locale.ROOT, "build done in %d ms (reasoning %d ms): %d asserted, %d inferred, %d flat triples; "
                + "process CPU %d ms, GC %d ms", (System.nanoTime() - t0) / 1_000_000, s.reasonMs(), s.assertedTriples(),
                s.inferredTriples(), s.flatTriples(), processCpuMs(), gcMs()));
        return s;
    }

    /** What validation, reasoning and flattening hand on to publishing. */
    private record Checked(QualityReportOperation.Report report, ReasonOperation.Result reasoned, Graph flat) {}

    /**
     * Validate (OWL 2 DL profile, quality report, SHACL), reason and flatten. Validation only reads the curated graphs
     * and reasoning only reads them too, so the three checks run one after another on a second thread while this one
     * reasons and flattens (at 100k claims each side is about 15 s of CPU). Nothing is published before both are
     * done, and the first failure is reported as before: a validation failure (profile, then report, then SHACL: it
     * explains what follows) before a reasoning failure.
     */
    private Checked validateAndReason(CuratedKb kb, Diagnostics d, Prefixes prefixes, Options o) {
        ProjectLayout l = o.layout();
        Graph asserted = kb.asserted();
        var validation = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            new ProfileCheckOperation(log).run(asserted, d, ProfileCheckOperation.Options.defaults());
            var report = new QualityReportOperation(log).run(asserted, d,
                    new QualityReportOperation.Options(l.checksDir(), prefixes.asMap()));
            QualityReportOperation.requireNoErrors(report, 30);
            new ShaclOperation(log).run(asserted, d, new ShaclOperation.Options(l.shapesDir(), 30));
            return report;
        }, r -> { Thread t = new Thread(r, "mevo-validate"); t.setDaemon(true); t.start(); });
        ReasonOperation.Result reasoned;
        Graph flat;
        try {
            reasoned = new ReasonOperation(log).run(kb.tbox(), kb.abox(), d, o.reasoning());
            flat = new FlattenOperation(log).run(asserted, reasoned.inferred(), kb.flat(),
                    new FlattenOperation.Options(l.flattenDir()));
        } catch (RuntimeException | Error e) {
            await(validation);
            throw e;
        }
        return new Checked(await(validation), reasoned, flat);
    }

    /** The VoID description and statistics of the release's graphs. */
    private Graph describe(ProjectLayout l, Graph asserted, Graph inferred, Graph flat, Graph examples) {
        java.util.Map<String, Graph> graphs = new java.util.LinkedHashMap<>();
        graphs.put(Release.ASSERTED, asserted);
        graphs.put(Release.INFERRED, inferred);
        graphs.put(Release.FLAT, flat);
        graphs.put(org.w3id.mevo.publish.ExamplesOperation.GRAPH, examples);
        return new org.w3id.mevo.publish.DescribeOperation(log).run(graphs,
                new org.w3id.mevo.publish.DescribeOperation.Options(l.describeDir()));
    }

    /** CPU time of this JVM so far, all threads (on a shared machine wall time says more about the others). */
    private static long processCpuMs() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1_000_000 : -1;
    }

    /** Time the garbage collectors reported so far (pauses and concurrent work), ms. */
    private static long gcMs() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).filter(x -> x > 0).sum();
    }

    /** Waits for a step on another thread; rethrows its failure as it was thrown. */
    private static <T> T await(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw e;
        }
    }

    /** True when the release exists and was built from the current inputs. */
    public static boolean isCurrent(ProjectLayout l, Path releaseDir) {
        if (!Release.exists(releaseDir)) return false;
        String built = Release.fingerprint(releaseDir);
        return built != null && built.equals(fingerprint(l));
    }

    /** SHA-256 over every input file under ontology/ and queries/ (path and content), so any edit triggers a rebuild. */
    public static String fingerprint(ProjectLayout l) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path dir : List.of(l.ontologyDir(), l.queriesDir())) {
                if (!Files.isDirectory(dir)) continue;
                try (Stream<Path> s = Files.walk(dir)) {
                    List<Path> files = s.filter(Files::isRegularFile).sorted().toList();
                    for (Path p : files) {
                        md.update(l.root().relativize(p).toString().getBytes(StandardCharsets.UTF_8));
                        md.update(Files.readAllBytes(p));
                    }
                }
            }
            codeFingerprint(md);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new MevoException("cannot fingerprint the curated inputs: " + e.getMessage(), e);
        }
    }

    /** The pipeline's own compiled code is an input too: a changed build step must not serve an old release. */
    private static void codeFingerprint(MessageDigest md) throws IOException {
        try {
            Path code = Path.of(Pipeline.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(code)) { md.update(Files.readAllBytes(code)); return; }
            try (Stream<Path> s = Files.walk(code)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".class")).sorted().toList()) md.update(Files.readAllBytes(p));
            }
        } catch (java.net.URISyntaxException | SecurityException e) {
            md.update("unknown-code".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String info(Summary s, String ontologyIri) {
        return new BuildInfo(ontologyIri, java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                s.fingerprint(), s.totalMs(), s.reasonMs(), s.classes(), s.individuals(), s.inferredSubclass(), s.inferredTypes(),
                s.assertedTriples(), s.inferredTriples(), s.flatTriples(), s.warnings(),
                List.of(Release.ASSERTED, Release.INFERRED, Release.FLAT)).text();
    }
}
