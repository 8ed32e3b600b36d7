package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.bench.SyntheticProject;
import org.w3id.mevo.core.FileTrees;
import org.w3id.mevo.publish.Release;
import org.w3id.mevo.support.Processes;
import org.w3id.mevo.support.TestKb;

/**
 * The build stays lean as claims grow (issue 14: 100k claims within 4 GiB): a synthetic project of 10,000 claims (about
 * 1.1 M quads, a tenth of the 100k benchmark) is built by {@code mevo build} in its own JVM with a 700 MiB heap, and
 * publishes a complete release. Before the build read union views instead of copying the graphs and publish wrote from
 * compact sorted triples, this size ran out of memory in publish even with 768 MiB (measured on 2026-12-06).
 */
class ScaledBuildTest {
    static final int CLAIMS = 10_000;
    static final String HEAP = "-Xmx700m";

    @Test
    void tenThousandClaimsBuildInASmallHeap() throws Exception {
        Path root = TestKb.layout().root();
        Path dir = Files.createTempDirectory(root.resolve("target"), "scaled-build");
        try {
            var l = SyntheticProject.create(new SyntheticProject.Options(TestKb.layout(), dir.resolve("project"), CLAIMS, 42));
            String cp = root.resolve("target").resolve("classes") + java.io.File.pathSeparator + System.getProperty("java.class.path");
            var r = Processes.run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                    "-cp", cp, "org.w3id.mevo.cli.Main", "build", "--project", l.root().toString()), root, Duration.ofMinutes(10));
            assertEquals(0, r.exit(), "mevo build of " + CLAIMS + " synthetic claims with " + HEAP + ":\n" + r.err());
            Path release = l.defaultReleaseDir();
            assertTrue(Release.exists(release), "a complete release was published: " + release);
            long asserted = Release.infoNumber(release, "asserted_triples"), inferred = Release.infoNumber(release, "inferred_triples"),
                    flat = Release.infoNumber(release, "flat_triples");
            assertTrue(asserted > 300_000 && inferred > 400_000, "the build covered the synthetic claims: asserted "
                    + asserted + ", inferred " + inferred);
            // every asserted, inferred and flat triple is in the dataset file, plus the examples and the VoID graph
            long lines;
            try (var s = Files.lines(release.resolve(Release.DATASET_FILE))) { lines = s.count(); }
            assertTrue(lines > asserted + inferred + flat, Release.DATASET_FILE + " has " + lines + " quads");
            assertTrue(r.err().contains("build done"), r.err());
        } finally {
            FileTrees.delete(dir);
        }
    }
}
