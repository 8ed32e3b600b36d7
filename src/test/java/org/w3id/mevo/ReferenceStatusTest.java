package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.TestKb;

/** Every reference is complete, and each PMID / DOI carries its status and the source it was seen in, as data. */
class ReferenceStatusTest {

    private static List<String[]> rows(String query) {
        var r = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode(query), "text/tab-separated-values");
        assertEquals(200, r.statusCode(), r.body());
        List<String[]> out = new ArrayList<>();
        String[] lines = r.body().split("\r?\n");
        for (int i = 1; i < lines.length; i++) if (!lines[i].isBlank()) out.add(lines[i].split("\t", -1));
        return out;
    }

    private static final String PREFIXES = """
            PREFIX mevo: <https://w3id.org/mevo/MEVO_>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            """;

    @Test
    void everyIdentifierHasOneStatusAndADatedSource() {
        // one plain pass over the references; the checks run here, not in the query
        List<String[]> refs = rows(PREFIXES + """
                SELECT ?ref ?pmid ?pmidStatus ?pmidSource ?doi ?doiStatus ?doiSource WHERE {
                  ?ref a mevo:0000077 .
                  OPTIONAL { ?ref mevo:0000054 ?pmid } OPTIONAL { ?ref mevo:0005500 ?pmidStatus }
                  OPTIONAL { ?ref mevo:0005502 ?pmidSource }
                  OPTIONAL { ?ref mevo:0000055 ?doi } OPTIONAL { ?ref mevo:0005501 ?doiStatus }
                  OPTIONAL { ?ref mevo:0005503 ?doiSource }
                }""");
        assertTrue(refs.size() >= 198, "references: " + refs.size());
        List<String> problems = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String[] r : refs) {
            if (!seen.add(r[0])) problems.add(r[0] + ": more than one value, status or source for an identifier");
            for (int i : new int[] {1, 4}) {
                String name = i == 1 ? "PMID" : "DOI";
                boolean value = !r[i].isEmpty();
                String status = r[i + 1].replaceAll("^\"|\"(\\^\\^.*)?$", "");
                if (value && !(status.equals("confirmed") || status.equals("proposed")))
                    problems.add(r[0] + ": " + name + " status '" + status + "'");
                if (!value && !r[i + 1].isEmpty()) problems.add(r[0] + ": " + name + " status without a value");
                if (value && !r[i + 2].matches(".*seen 20[0-9]{2}-[0-9]{2}-[0-9]{2}.*"))
                    problems.add(r[0] + ": " + name + " without a dated source");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void provenanceNamesTheSourceSeenNotTheMeansOfFinding() {
        List<String[]> bad = rows(PREFIXES + """
                SELECT ?ref ?text WHERE {
                  ?ref a mevo:0000077 ; mevo:0005502|mevo:0005503|mevo:0005504|mevo:0000058 ?text .
                  FILTER(REGEX(?text, "search[- ]tool|find_string|search pages|hit [0-9]|shared/|within (look-up )?budget|grep", "i"))
                }""");
        assertTrue(bad.isEmpty(), () -> String.join("\n", bad.stream().map(r -> String.join(" ", r)).toList()));
    }

    @Test
    void everyReferenceHasTitleAuthorsJournalAndYear() {
        List<String[]> all = rows(PREFIXES + "SELECT (COUNT(?ref) AS ?n) { ?ref a mevo:0000077 }");
        assertEquals(198, Integer.parseInt(all.get(0)[0].replaceAll("\\D.*", "").trim()));
        // a journal may only be missing where the printed entry names none (recorded in the entry note)
        List<String[]> bad = rows(PREFIXES + """
                SELECT ?ref WHERE {
                  ?ref a mevo:0000077 .
                  FILTER (NOT EXISTS { ?ref dcterms:title ?t } || NOT EXISTS { ?ref dcterms:creator ?a }
                          || NOT EXISTS { ?ref mevo:0000021 ?y }
                          || (NOT EXISTS { ?ref mevo:0000024 ?j }
                              && NOT EXISTS { ?ref mevo:0005504 ?note FILTER(CONTAINS(?note, "no journal")) }))
                }""");
        assertTrue(bad.isEmpty(), () -> "incomplete references: " + String.join(" ", bad.stream().map(r -> r[0]).toList()));
    }

    /** Claims whose study ("supported by study") or cited entry ("cited as") has a PMID, a PMID or DOI, a confirmed PMID. */
    @Test
    void claimsReachingAnIdentifierAreCounted() {
        int claims = Integer.parseInt(rows(PREFIXES + "SELECT (COUNT(DISTINCT ?c) AS ?n) { ?c a mevo:0000078 }").get(0)[0]);
        for (String path : List.of("mevo:0000043", "mevo:0000044|mevo:0000043")) {
            List<String[]> links = rows(PREFIXES + """
                    SELECT ?c ?pmid ?pmidStatus ?doi ?doiStatus WHERE {
                      ?c a mevo:0000078 ; PATH ?r .
                      OPTIONAL { ?r mevo:0000054 ?pmid } OPTIONAL { ?r mevo:0005500 ?pmidStatus }
                      OPTIONAL { ?r mevo:0000055 ?doi } OPTIONAL { ?r mevo:0005501 ?doiStatus }
                    }""".replace("PATH", path));
            java.util.Set<String> pmid = new java.util.HashSet<>(), either = new java.util.HashSet<>(),
                confirmed = new java.util.HashSet<>(), confirmedEither = new java.util.HashSet<>();
            for (String[] l : links) {
                if (!l[1].isEmpty()) pmid.add(l[0]);
                if (!l[1].isEmpty() || !l[3].isEmpty()) either.add(l[0]);
                if (!l[1].isEmpty() && l[2].contains("confirmed")) confirmed.add(l[0]);
                if (l[2].contains("confirmed") || l[4].contains("confirmed")) confirmedEither.add(l[0]);
            }
            System.out.println("claims via " + path + ": " + claims + " claims, reaching a PMID " + pmid.size()
                    + " (confirmed " + confirmed.size() + "), a PMID or DOI " + either.size()
                    + " (confirmed " + confirmedEither.size() + ")");
            assertTrue(pmid.containsAll(confirmed) && either.containsAll(pmid) && either.containsAll(confirmedEither)
                    && either.size() <= claims, "inconsistent counts via " + path);
            assertTrue(pmid.size() > 0, "no claim reaches a PMID");
        }
    }
}
