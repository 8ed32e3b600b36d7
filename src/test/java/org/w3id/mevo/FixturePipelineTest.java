package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.mevo.core.Prefixes;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.SparqlFiles;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.publish.PublishOperation;
import org.w3id.mevo.publish.Release;
import org.w3id.mevo.support.ExpectedResults;
import org.w3id.mevo.support.Fixture;

/**
 * The whole build (curate → validate → reason with HermiT → publish) on the fixture project, in a temporary folder,
 * compared byte for byte with the golden release in {@code src/test/resources/fixture-project/expected-release/}
 * (ROBOT style: a small input and its expected output). The release date, which the build takes from
 * {@code SOURCE_DATE_EPOCH} or today, is written as {@code RELEASE-DATE} in the golden files; {@code build-info.json}
 * (timings) is not compared.
 *
 * <p>When a change legitimately changes the release, regenerate the golden files and review their diff:
 * {@code mvn -B -q test -Dtest=FixturePipelineTest -Dmevo.updateGoldens=true} (then {@code git diff src/test/resources}).
 */
@Tag("fast")
class FixturePipelineTest {
    static final String UPDATE_PROPERTY = "mevo.updateGoldens";
    static final String DATE_PLACEHOLDER = "RELEASE-DATE";

    @Test
    void theFixtureBuildsToTheGoldenRelease(@TempDir Path tmp) throws IOException {
        ProjectLayout layout = Fixture.copyTo(tmp.resolve("project"));
        Path release = tmp.resolve("release");
        Pipeline.Summary s = new Pipeline(StepLog.silent()).build(new Pipeline.Options(layout, release));

        // 3 claims and one value individual per outcome / evidence value (1+1, 2+1, 1+0)
        assertEquals(9, s.individuals(), "named individuals compiled from the three-row table");
        String date = PublishOperation.releaseDate().toString();
        List<String> files = releaseFiles(release);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            writeGoldens(release, files, date);
            return;
        }
        Path golden = Fixture.goldenRelease();
        assertEquals(releaseFiles(golden), files, "the release has other files than " + golden
                + " (regenerate: -D" + UPDATE_PROPERTY + "=true)");
        for (String f : files) {
            String expected = Files.readString(golden.resolve(f), StandardCharsets.UTF_8);
            String actual = normalised(release.resolve(f), date);
            assertEquals(expected, actual, f + " differs from the golden file " + golden.resolve(f)
                    + " (if the change is intended, regenerate with -D" + UPDATE_PROPERTY + "=true and review the diff)");
        }
    }

    @Test
    void theReasonerFilesTheClaimsWithInVitroEvidenceUnderTheDefinedClass(@TempDir Path tmp) throws IOException {
        ProjectLayout layout = Fixture.copyTo(tmp.resolve("project"));
        Path release = tmp.resolve("release");
        new Pipeline(StepLog.silent()).build(new Pipeline.Options(layout, release));
        Prefixes prefixes = Prefixes.load(layout.prefixes());
        Dataset ds = org.w3id.mevo.serve.ServedDataset.loadUnion(release);
        for (Path q : SparqlFiles.list(layout.queriesDir())) {
            ExpectedResults.Table expected = ExpectedResults.read(ExpectedResults.fileFor(q));
            Set<String> actual;
            try (QueryExecution qe = QueryExecutionFactory.create(SparqlFiles.read(q).text(), ds)) {
                actual = ExpectedResults.render(qe.execSelect(), expected.vars(), prefixes);
            }
            ExpectedResults.assertRows(expected, actual, SparqlFiles.read(q).header().getOrDefault("expect", "contains"),
                    q.getFileName().toString(), ExpectedResults.fileFor(q));
        }
    }

    /** Every release file that is compared: all but build-info.json (it records timings). */
    static List<String> releaseFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(Release.INFO_FILE) && !n.startsWith("."))
                    .sorted().toList();
        }
    }

    static String normalised(Path file, String date) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).replace(date, DATE_PLACEHOLDER);
    }

    private static void writeGoldens(Path release, List<String> files, String date) throws IOException {
        Path golden = Fixture.goldenRelease();
        if (Files.isDirectory(golden)) {
            try (Stream<Path> s = Files.list(golden)) {
                for (Path p : new ArrayList<>(s.toList())) Files.delete(p);
            }
        }
        Files.createDirectories(golden);
        for (String f : files) Files.writeString(golden.resolve(f), normalised(release.resolve(f), date), StandardCharsets.UTF_8);
        System.err.println("[FixturePipelineTest] golden files rewritten in " + golden + "; review them with git diff");
    }
}
