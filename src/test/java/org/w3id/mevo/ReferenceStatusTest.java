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
        List<String[]> bad = rows(PREFIXES + """
                SELECT ?ref ?problem WHERE {
                  ?ref a mevo:0000077 .
                  VALUES (?id ?status ?source ?name) {
                    (mevo:0000054 mevo:0005500 mevo:0005502 "PMID") (mevo:0000055 mevo:0005501 mevo:0005503 "DOI") }
                  {
                    ?ref ?id ?v . FILTER NOT EXISTS { ?ref ?status ?s }
                    BIND(CONCAT(?name, " without a status") AS ?problem)
                  } UNION {
                    ?ref ?id ?v . FILTER NOT EXISTS { ?ref ?source ?src FILTER(REGEX(?src, "seen 20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]")) }
                    BIND(CONCAT(?name, " without a dated source") AS ?problem)
                  } UNION {
                    ?ref ?status ?s . FILTER NOT EXISTS { ?ref ?id ?v }
                    BIND(CONCAT(?name, " status without a value") AS ?problem)
                  } UNION {
                    ?ref ?status ?s . FILTER(?s NOT IN ("confirmed", "proposed"))
                    BIND(CONCAT(?name, " status is neither confirmed nor proposed") AS ?problem)
                  }
                }""");
        assertTrue(bad.isEmpty(), () -> String.join("\n", bad.stream().map(r -> String.join(" ", r)).toList()));
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
        for (String path : List.of("mevo:0000043", "mevo:0000044|mevo:0000043")) {
            String[] r = rows(PREFIXES + """
                    SELECT (COUNT(DISTINCT ?c) AS ?claims) (COUNT(DISTINCT ?cp) AS ?pmid) (COUNT(DISTINCT ?ce) AS ?either)
                           (COUNT(DISTINCT ?cpc) AS ?confirmedPmid) (COUNT(DISTINCT ?cec) AS ?confirmedEither) WHERE {
                      ?c a mevo:0000078 .
                      OPTIONAL { ?c PATH ?r1 . ?r1 mevo:0000054 ?p . BIND(?c AS ?cp) }
                      OPTIONAL { ?c PATH ?r2 . ?r2 mevo:0000054|mevo:0000055 ?x . BIND(?c AS ?ce) }
                      OPTIONAL { ?c PATH ?r3 . ?r3 mevo:0000054 ?p3 ; mevo:0005500 "confirmed" . BIND(?c AS ?cpc) }
                      OPTIONAL { ?c PATH ?r4 . { ?r4 mevo:0005500 "confirmed" } UNION { ?r4 mevo:0005501 "confirmed" }
                                 BIND(?c AS ?cec) }
                    }""".replace("PATH", path)).get(0);
            int claims = Integer.parseInt(r[0]), pmid = Integer.parseInt(r[1]), either = Integer.parseInt(r[2]),
                confirmed = Integer.parseInt(r[3]), confirmedEither = Integer.parseInt(r[4]);
            System.out.println("claims via " + path + ": " + claims + " claims, reaching a PMID " + pmid + " (confirmed "
                    + confirmed + "), a PMID or DOI " + either + " (confirmed " + confirmedEither + ")");
            assertTrue(confirmed <= pmid && pmid <= either && confirmedEither <= either && either <= claims, String.join(" ", r));
            assertTrue(pmid > 0, "no claim reaches a PMID");
        }
    }
}
