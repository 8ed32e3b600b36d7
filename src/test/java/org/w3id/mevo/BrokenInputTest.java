package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.mevo.core.CurationException;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.publish.Release;
import org.w3id.mevo.reason.ReasoningFailure;
import org.w3id.mevo.support.ProjectCopy;
import org.w3id.mevo.support.TestKb;

/** Broken curation input fails the build with the place named, and nothing is published. */
class BrokenInputTest {

    private static MevoException buildFails(ProjectLayout l) {
        Path release = l.root().resolve("release");
        MevoException e = assertThrows(MevoException.class,
                () -> new Pipeline(StepLog.silent()).build(new Pipeline.Options(l, release)));
        assertFalse(Files.exists(release), "nothing may be published after a failed build");
        return e;
    }

    @Test
    void turtleSyntaxErrorNamesFileAndLine(@TempDir Path tmp) throws Exception {
        ProjectLayout l = ProjectCopy.of(TestKb.layout(), tmp);
        Path f = l.ontologyDir().resolve("components").resolve("claim-vocabulary.ttl");
        long line = ProjectCopy.lineCount(f) + 1;
        ProjectCopy.append(f, "this is not turtle .\n");
        MevoException e = buildFails(l);
        assertTrue(e instanceof CurationException, e.toString());
        CurationException c = (CurationException) e;
        assertEquals(f, c.file());
        assertEquals(line, c.line(), c.getMessage());
        assertTrue(c.getMessage().contains("claim-vocabulary.ttl:"), c.getMessage());
    }

    @Test
    void unsatisfiableClassIsNamedWithAnExplanation(@TempDir Path tmp) throws Exception {
        ProjectLayout l = ProjectCopy.of(TestKb.layout(), tmp);
        Path f = l.ontologyDir().resolve("components").resolve("claim-vocabulary.ttl");
        ProjectCopy.append(f, """

                :0000876 a owl:Class ; rdfs:subClassOf :0000063 ; rdfs:label "test quality a" ;
                    obo:IAO_0000115 "A test class." ; owl:disjointWith :0000877 .
                :0000877 a owl:Class ; rdfs:subClassOf :0000063 ; rdfs:label "test quality b" ;
                    obo:IAO_0000115 "Another test class." .
                :0000878 a owl:Class ; rdfs:subClassOf :0000876 , :0000877 ; rdfs:label "test impossible quality" ;
                    obo:IAO_0000115 "A class that cannot have members." .
                """);
        MevoException e = buildFails(l);
        assertTrue(e instanceof ReasoningFailure, e.toString());
        ReasoningFailure r = (ReasoningFailure) e;
        assertEquals(List.of("MEVO:0000878"), r.culprits());
        assertTrue(r.getMessage().contains("test impossible quality"), r.getMessage());
        assertTrue(r.getMessage().contains("DisjointWith") || r.getMessage().contains("DisjointClasses"),
                "the explanation shows the disjointness axiom: " + r.getMessage());
    }

    @Test
    void unknownLabelInATableNamesFileLineAndColumn(@TempDir Path tmp) throws Exception {
        ProjectLayout l = ProjectCopy.of(TestKb.layout(), tmp);
        Path table = l.tablesDir().resolve("claims-regenerative.tsv");
        long line = ProjectCopy.editFirstRecord(table, "outcomes", "miraculous outcome");
        CurationException c = assertThrows(CurationException.class,
                () -> new Pipeline(StepLog.silent()).build(new Pipeline.Options(l, l.root().resolve("release"))));
        assertEquals(table, c.file());
        assertEquals(line, c.line());
        assertTrue(c.getMessage().contains("column 'outcomes'") && c.getMessage().contains("miraculous outcome"), c.getMessage());
    }

    @Test
    void malformedPmidNamesFileLineAndColumn(@TempDir Path tmp) throws Exception {
        ProjectLayout l = ProjectCopy.of(TestKb.layout(), tmp);
        Path table = l.referencesDir().resolve("review-references.tsv");
        long line = ProjectCopy.editFirstRecord(table, "pmid", "PMID:1234x");
        CurationException c = assertThrows(CurationException.class,
                () -> new Pipeline(StepLog.silent()).build(new Pipeline.Options(l, l.root().resolve("release"))));
        assertEquals(line, c.line());
        assertTrue(c.getMessage().contains("review-references.tsv:" + line) && c.getMessage().contains("column 'pmid'"),
                c.getMessage());
    }

    @Test
    void rowWithAMissingCellIsRejected(@TempDir Path tmp) throws Exception {
        ProjectLayout l = ProjectCopy.of(TestKb.layout(), tmp);
        Path table = l.tablesDir().resolve("claims-cancer.tsv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(table, StandardCharsets.UTF_8));
        String row = lines.get(2);
        lines.set(2, row.substring(0, row.lastIndexOf('\t')));
        Files.write(table, lines, StandardCharsets.UTF_8);
        CurationException c = assertThrows(CurationException.class,
                () -> new Pipeline(StepLog.silent()).build(new Pipeline.Options(l, l.root().resolve("release"))));
        assertEquals(3, c.line());
        assertTrue(c.getMessage().contains("claims-cancer.tsv:3"), c.getMessage());
    }

    @Test
    void aFailedBuildLeavesThePreviousReleaseUntouched(@TempDir Path tmp) throws Exception {
        ProjectLayout l = ProjectCopy.of(TestKb.layout(), tmp);
        Path release = tmp.resolve("release");
        new Pipeline(StepLog.silent()).build(new Pipeline.Options(l, release));
        byte[] before = Files.readAllBytes(release.resolve(Release.DATASET_FILE));
        ProjectCopy.append(l.editFile(), "\nthis is not turtle\n");
        assertThrows(CurationException.class, () -> new Pipeline(StepLog.silent()).build(new Pipeline.Options(l, release)));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(release.resolve(Release.DATASET_FILE))),
                "the published release is unchanged");
        try (var s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".release.tmp")), "no temp folder left behind");
        }
    }

    @Test
    void aClaimBothTumourSupportingAndInhibitingIsCaughtByTheReasoner(@TempDir Path tmp) throws Exception {
        ProjectLayout l = ProjectCopy.of(TestKb.layout(), tmp);
        Path table = l.tablesDir().resolve("claims-cancer.tsv");
        ProjectCopy.editFirstRecord(table, "outcomes", "tumour-supporting outcome | tumour-inhibiting outcome");
        MevoException e = buildFails(l);
        assertTrue(e instanceof ReasoningFailure, e.toString());
        assertTrue(e.getMessage().contains("inconsistent"), e.getMessage());
        assertTrue(e.getMessage().contains("MEVO:1001001"), "the explanation names the claim: " + e.getMessage());
    }
}
