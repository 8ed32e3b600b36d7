package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.ProjectCopy;
import org.w3id.mevo.support.TestKb;

/** The claim tables compile into well-formed, reasoned claims, and the SHACL shapes guard them. */
class ClaimsTest {

    private static String select(String query) {
        var r = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode(query), "text/csv");
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static long count(String query) {
        String[] lines = select(query).split("\r?\n");
        return Long.parseLong(lines[1].trim());
    }

    @Test
    void claimTablesCompileIntoAboutAHundredClaims() {
        long claims = count("PREFIX mevo: <https://w3id.org/mevo/MEVO_> SELECT (COUNT(DISTINCT ?c) AS ?n) { ?c a mevo:0000078 }");
        assertTrue(claims >= 100, "claims: " + claims);
    }

    @Test
    void everyClaimHasOutcomeEvidenceAndAStudyOrARecordedCitationProblem() {
        String q = """
                PREFIX mevo: <https://w3id.org/mevo/MEVO_>
                SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {
                  ?c a mevo:0000078 .
                  FILTER (NOT EXISTS { ?c mevo:0000041 ?o } || NOT EXISTS { ?c mevo:0000042 ?e }
                          || (NOT EXISTS { ?c mevo:0000043 ?s } && NOT EXISTS { ?c mevo:0000824 ?p }
                              && NOT EXISTS { ?c mevo:0000057 ?m }))
                }""";
        assertEquals(0, count(q), "claims lacking an outcome, evidence, or study/mismatch");
    }

    @Test
    void everyDefinedClaimCategoryIsPopulatedByTheReasoner() {
        String q = """
                PREFIX mevo: <https://w3id.org/mevo/MEVO_>
                PREFIX owl: <http://www.w3.org/2002/07/owl#>
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                SELECT ?cat (COUNT(?c) AS ?n) WHERE {
                  ?cat owl:equivalentClass ?d ; rdfs:subClassOf mevo:0000078 .
                  OPTIONAL { GRAPH <https://w3id.org/mevo/graph/inferred> { ?c a ?cat } }
                } GROUP BY ?cat""";
        String csv = select(q);
        List<String> empty = new ArrayList<>();
        String[] lines = csv.split("\r?\n");
        for (int i = 1; i < lines.length; i++) if (lines[i].endsWith(",0")) empty.add(lines[i]);
        assertTrue(lines.length > 8, "defined claim classes: " + csv);
        assertTrue(empty.isEmpty(), "defined claim classes with no inferred member: " + empty);
    }

    @Test
    void aClaimWithoutStudyOrMismatchNoteIsRejectedByShacl(@TempDir Path tmp) throws Exception {
        ProjectLayout l = ProjectCopy.of(TestKb.layout(), tmp);
        Path table = l.tablesDir().resolve("claims-regenerative.tsv");
        List<String> lines = new ArrayList<>(Files.readAllLines(table, StandardCharsets.UTF_8));
        List<String> header = List.of(lines.get(0).split("\t", -1));
        // find a record with a linked study and neither a mismatch note nor a citation problem, and remove the study
        int row = -1;
        for (int i = 2; i < lines.size() && row < 0; i++) {
            String[] c = lines.get(i).split("\t", -1);
            if (!c[header.indexOf("study_ref")].isEmpty() && c[header.indexOf("mismatch_note")].isEmpty()
                    && c[header.indexOf("citation_problem")].isEmpty()) row = i;
        }
        String[] cells = lines.get(row).split("\t", -1);
        String id = cells[0];
        cells[header.indexOf("study_ref")] = "";
        lines.set(row, String.join("\t", cells));
        Files.write(table, lines, StandardCharsets.UTF_8);
        MevoException e = org.junit.jupiter.api.Assertions.assertThrows(MevoException.class,
                () -> new Pipeline(StepLog.silent()).build(new Pipeline.Options(l, tmp.resolve("release"))));
        assertTrue(e.getMessage().startsWith("SHACL"), e.getMessage());
        assertTrue(e.getMessage().contains("claims-regenerative.tsv:" + (row + 1)) && e.getMessage().contains(id),
                "the violation names the table row and claim: " + e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("release")));
    }

    private static MevoException shaclRejects(ProjectLayout l, Path tmp) {
        MevoException e = org.junit.jupiter.api.Assertions.assertThrows(MevoException.class,
                () -> new Pipeline(StepLog.silent()).build(new Pipeline.Options(l, tmp.resolve("release"))));
        assertTrue(e.getMessage().startsWith("SHACL"), e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("release")), "nothing may be published after a failed build");
        return e;
    }

    @Test
    void aClaimWithATestedConditionButNoReferenceConditionIsRejectedByShacl(@TempDir Path tmp) throws Exception {
        ProjectLayout l = ProjectCopy.of(TestKb.layout(), tmp);
        Path table = l.tablesDir().resolve("claims-regenerative.tsv");
        ProjectCopy.editFirstRecord(table, "tested_condition", "hypoxic preconditioning");
        ProjectCopy.editFirstRecord(table, "reference_condition", "");
        long line = ProjectCopy.editFirstRecord(table, "comparison_direction", "greater than reference");
        MevoException e = shaclRejects(l, tmp);
        assertTrue(e.getMessage().contains("claims-regenerative.tsv:" + line + ": MEVO:1000001")
                        && e.getMessage().contains("needs a reference_condition"),
                "the violation names the row, the claim and the missing reference: " + e.getMessage());
        assertTrue(!e.getMessage().contains("needs a comparison_direction"), e.getMessage());
    }

    @Test
    void aComparisonDirectionWithoutATestedConditionIsRejectedByShacl(@TempDir Path tmp) throws Exception {
        ProjectLayout l = ProjectCopy.of(TestKb.layout(), tmp);
        Path table = l.tablesDir().resolve("claims-regenerative.tsv");
        ProjectCopy.editFirstRecord(table, "tested_condition", "");
        ProjectCopy.editFirstRecord(table, "reference_condition", "");
        ProjectCopy.editFirstRecord(table, "comparison_direction", "less than reference");
        MevoException e = shaclRejects(l, tmp);
        assertTrue(e.getMessage().contains("MEVO:1000001") && e.getMessage().contains("comparison_direction needs a tested_condition"),
                e.getMessage());
    }

    @Test
    void aClaimLinkedToAnUnknownCitationProblemFailsTheBuild(@TempDir Path tmp) throws Exception {
        ProjectLayout l = ProjectCopy.of(TestKb.layout(), tmp);
        Path table = l.tablesDir().resolve("claims-cancer.tsv");
        long line = ProjectCopy.editFirstRecord(table, "citation_problem", "MEVO:1003999");
        MevoException e = org.junit.jupiter.api.Assertions.assertThrows(MevoException.class,
                () -> new Pipeline(StepLog.silent()).build(new Pipeline.Options(l, tmp.resolve("release"))));
        assertTrue(!Files.exists(tmp.resolve("release")), "nothing may be published after a failed build");
        // caught by the dangling-reference check (or, failing that, by SHACL), naming the row and the missing record
        assertTrue(e.getMessage().contains("claims-cancer.tsv:" + line) && e.getMessage().contains("MEVO_1003999"),
                e.getMessage());
    }

    /** Number of (claim, value) pairs in a column of all claim tables: what a correct count must add up to. */
    private static long tableValues(String column) throws Exception {
        long n = 0;
        try (var files = Files.list(TestKb.layout().tablesDir())) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("claims-.*\\.tsv")).toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                int c = List.of(lines.get(0).split("\t", -1)).indexOf(column);
                for (String line : lines.subList(2, lines.size())) {
                    if (line.isBlank() || line.startsWith("#")) continue;
                    String cell = line.split("\t", -1)[c].trim();
                    if (!cell.isEmpty()) n += cell.split("\\s*\\|\\s*").length;
                }
            }
        }
        return n;
    }

    @Test
    void theClaimsPerCargoExampleCountsEachValueOnce() throws Exception {
        long pairs = tableValues("cargo");
        assertTrue(pairs > 50, "cargo values in the tables: " + pairs);
        // the naive pattern sees every value twice: the OWL value individual and the flat class triple
        assertEquals(2 * pairs, count("PREFIX mevo: <https://w3id.org/mevo/MEVO_> SELECT (COUNT(*) AS ?n) { ?c a mevo:0000078 ; mevo:0000033 ?v }"),
                "the default graph holds each claim value as an individual and as a class");
        String query = Files.readString(TestKb.layout().queriesDir().resolve("claims-per-cargo.rq"), StandardCharsets.UTF_8);
        String[] rows = select(query).split("\r?\n");
        java.util.Set<String> cargo = new java.util.HashSet<>();
        long sum = 0;
        for (int i = 1; i < rows.length; i++) {
            String first = rows[i].substring(0, rows[i].indexOf(','));
            assertTrue(cargo.add(first), "cargo listed twice: " + first);
            assertTrue(!first.matches(".*MEVO_1\\d{6}-cargo-\\d+"), "a value individual was counted: " + first);
            sum += Long.parseLong(rows[i].substring(rows[i].lastIndexOf(',') + 1).trim());
        }
        assertEquals(pairs, sum, "the example's counts add up to the (claim, cargo) pairs of the tables, each counted once");
    }

    /** Subjects a Lucene text query finds through the endpoint's text index. */
    private static String textHits(String lucene) {
        return select("PREFIX text: <http://jena.apache.org/text#>\n"
                + "SELECT DISTINCT ?s WHERE { (?s ?score) text:query \"" + lucene + "\" }");
    }

    @Test
    void textSearchFindsReferencesCurationNotesCitationProblemsAndIsolationTradeOffs() {
        // a drug named only in a reference title, and an author named only in reference entries
        assertTrue(textHits("docetaxel").contains("https://w3id.org/mevo/reference/154"), textHits("docetaxel"));
        assertTrue(textHits("Sengupta").contains("https://w3id.org/mevo/reference/153"), textHits("Sengupta"));
        // a word that occurs only in a citation-problem record (what the cited entry actually is)
        assertTrue(textHits("Mississippi").contains("https://w3id.org/mevo/MEVO_1003009"), textHits("Mississippi"));
        // a curation note of a claim
        assertTrue(textHits("speculative").contains("https://w3id.org/mevo/MEVO_1000019"), textHits("speculative"));
        // a limitation of an isolation method (polymer precipitation)
        assertTrue(textHits("redissolve").contains("https://w3id.org/mevo/MEVO_0000710"), textHits("redissolve"));
    }
}
