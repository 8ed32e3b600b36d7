package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.TestKb;

/**
 * The coverage inventories in ontology/coverage/ (one row per citing sentence of the review and per table row,
 * with what covers it) are well-formed, and everything they name as coverage exists in the built release.
 */
class CoverageInventoryTest {

    static final List<String> COLUMNS = List.of("location", "section", "refs", "status", "covered_by", "note");
    static final Set<String> STATUSES = Set.of("claim", "class-level fact", "partly", "citation problem only", "out of scope");
    static final Pattern LOCATION = Pattern.compile("L([1-9][0-9]*)\\.s([1-9][0-9]*)|Table[1-3]\\.r[1-9][0-9]*");
    static final Pattern REFS = Pattern.compile("([1-9][0-9]{0,2})(\\|[1-9][0-9]{0,2})*");
    static final Pattern COVER = Pattern.compile("MEVO:[0-9]{7}|NCT[0-9]{8}");
    static final String MEVO = "https://w3id.org/mevo/MEVO_";

    record Row(Path file, int line, Map<String, String> cells) {
        String get(String c) { return cells.get(c); }
        String where() { return file.getFileName() + ":" + line; }
        List<String> covers() {
            List<String> out = new ArrayList<>();
            for (String v : get("covered_by").split("\\|")) if (!v.isBlank()) out.add(v.trim());
            return out;
        }
    }

    static List<Row> rows() throws IOException {
        Path dir = TestKb.layout().ontologyDir().resolve("coverage");
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches("citing-sentences-.*\\.tsv")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no citing-sentences-*.tsv in " + dir);
        List<Row> out = new ArrayList<>();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            assertEquals(COLUMNS, List.of(lines.get(0).split("\t", -1)), f + ": header");
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) continue;
                String[] c = lines.get(i).split("\t", -1);
                assertEquals(COLUMNS.size(), c.length, f.getFileName() + ":" + (i + 1) + ": cell count");
                Map<String, String> m = new LinkedHashMap<>();
                for (int k = 0; k < c.length; k++) m.put(COLUMNS.get(k), c[k].trim());
                out.add(new Row(f, i + 1, m));
            }
        }
        return out;
    }

    static String iri(String cover) {
        return cover.startsWith("NCT") ? "https://clinicaltrials.gov/study/" + cover : MEVO + cover.substring(5);
    }

    @Test
    void everyRowHasAValidLocationStatusAndCoverage() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Row r : rows()) {
            String loc = r.get("location");
            if (!LOCATION.matcher(loc).matches()) problems.add(r.where() + ": location '" + loc + "'");
            if (!seen.add(loc)) problems.add(r.where() + ": duplicate location " + loc);
            if (r.get("section").isEmpty()) problems.add(r.where() + ": empty section");
            if (!STATUSES.contains(r.get("status"))) problems.add(r.where() + ": status '" + r.get("status") + "'");
            if (loc.startsWith("L") && !REFS.matcher(r.get("refs")).matches())
                problems.add(r.where() + ": a citing sentence needs its reference numbers, got '" + r.get("refs") + "'");
            if (!r.get("refs").isEmpty() && !REFS.matcher(r.get("refs")).matches())
                problems.add(r.where() + ": refs '" + r.get("refs") + "'");
            for (String v : r.covers()) if (!COVER.matcher(v).matches()) problems.add(r.where() + ": covered_by value '" + v + "'");
            if (!r.get("status").equals("out of scope") && r.covers().isEmpty())
                problems.add(r.where() + ": status '" + r.get("status") + "' but nothing in covered_by");
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyCoveringIdentifierExistsInTheReleaseWithTheRightKind() throws IOException {
        List<Row> rows = rows();
        Set<String> all = new HashSet<>();
        rows.forEach(r -> all.addAll(r.covers()));
        // kind of every named IRI in the served release: claim, class, citation-problem record (a record citing a
        // reference that is not itself a claim), trial; absent IRIs come back with no kind
        StringBuilder values = new StringBuilder();
        for (String v : all) values.append('<').append(iri(v)).append("> ");
        String q = """
                PREFIX mevo: <https://w3id.org/mevo/MEVO_>
                PREFIX owl: <http://www.w3.org/2002/07/owl#>
                SELECT ?x ?kind WHERE {
                  VALUES ?x { %s }
                  OPTIONAL {
                    { ?x a mevo:0000078 . BIND("claim" AS ?kind) }
                    UNION { ?x a owl:Class . BIND("class" AS ?kind) }
                    UNION { ?x mevo:0000044 ?ref . FILTER NOT EXISTS { ?x a mevo:0000078 } BIND("record" AS ?kind) }
                    UNION { ?x a mevo:0000079 . BIND("trial" AS ?kind) }
                  }
                }""".formatted(values);
        var resp = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode(q), "text/csv");
        assertEquals(200, resp.statusCode(), resp.body());
        Map<String, Set<String>> kinds = new TreeMap<>();
        String[] lines = resp.body().split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            String[] c = lines[i].split(",", -1);
            Set<String> k = kinds.computeIfAbsent(c[0], x -> new HashSet<>());
            if (c.length > 1 && !c[1].isEmpty()) k.add(c[1]);
        }
        List<String> problems = new ArrayList<>();
        for (Row r : rows) {
            boolean hasClaim = false, hasClass = false, hasRecord = false;
            for (String v : r.covers()) {
                Set<String> k = kinds.getOrDefault(iri(v), Set.of());
                if (k.isEmpty()) problems.add(r.where() + ": " + v + " is not in the built release");
                hasClaim |= k.contains("claim") || k.contains("trial");
                hasClass |= k.contains("class");
                hasRecord |= k.contains("record");
            }
            switch (r.get("status")) {
                case "claim", "partly" -> { if (!hasClaim && !hasClass) problems.add(r.where() + ": no claim or class covers it"); }
                case "class-level fact" -> { if (!hasClass) problems.add(r.where() + ": no class covers it"); }
                case "citation problem only" -> { if (!hasRecord) problems.add(r.where() + ": no citation-problem record"); }
                default -> { }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void coverageCountsArePrinted() throws IOException {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (Row r : rows()) {
            String part = r.file().getFileName().toString().replaceAll("^citing-sentences-|\\.tsv$", "")
                    + (r.get("location").startsWith("Table") ? " (table rows)" : " (sentences)");
            counts.computeIfAbsent(part, x -> new TreeMap<>()).merge(r.get("status"), 1, Integer::sum);
        }
        counts.forEach((part, byStatus) -> System.out.println("coverage " + part + ": " + byStatus
                + " total=" + byStatus.values().stream().mapToInt(Integer::intValue).sum()));
        assertFalse(counts.isEmpty());
    }

    /** Where the review's text is available (../shared/seed), each L<line> location is a paragraph citing the refs. */
    @Test
    void sentenceLocationsPointAtParagraphsThatCiteTheirReferences() throws IOException {
        Path seed = TestKb.layout().root().resolve("../shared/seed/msc-exosomes-review-2021.txt").normalize();
        assumeTrue(Files.isRegularFile(seed), "review text not available: " + seed);
        List<String> text = Files.readAllLines(seed, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        for (Row r : rows()) {
            Matcher m = LOCATION.matcher(r.get("location"));
            if (!m.matches() || m.group(1) == null) continue;
            int line = Integer.parseInt(m.group(1));
            if (line > text.size()) { problems.add(r.where() + ": line " + line + " beyond the review"); continue; }
            String para = text.get(line - 1);
            Set<String> cited = new HashSet<>();
            Matcher b = Pattern.compile("\\[([0-9 ,\u2013-]+)]").matcher(para);
            while (b.find()) {
                for (String part : b.group(1).split(",")) {
                    String[] range = part.trim().split("\\s*[\u2013-]\\s*");
                    int from = Integer.parseInt(range[0].trim()), to = Integer.parseInt(range[range.length - 1].trim());
                    for (int n = from; n <= to; n++) cited.add(Integer.toString(n));
                }
            }
            for (String ref : r.get("refs").split("\\|"))
                if (!cited.contains(ref)) problems.add(r.where() + ": ref " + ref + " is not cited in the paragraph at line " + line);
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
