package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.TestKb;

/** Provenance at a glance: a claim page shows its study's PubMed / DOI links and its citation notes in one table. */
class ProvenanceTest {

    private static String[] rows(String query) {
        var r = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode(query), "text/tab-separated-values");
        assertEquals(200, r.statusCode(), r.body());
        return r.body().split("\r?\n");
    }

    private static String provenance(String claimIri) {
        var page = Http.get(TestKb.baseUrl() + "/" + claimIri.substring("https://w3id.org/mevo/".length()), "text/html");
        assertEquals(200, page.statusCode());
        String html = page.body();
        int at = html.indexOf("<table id=\"provenance\">");
        assertTrue(at >= 0, "no provenance table on " + claimIri + ":\n" + html);
        return html.substring(at, html.indexOf("</table>", at));
    }

    @Test
    void claimPageShowsItsStudysPubMedAndDoiLinks() {
        String[] r = rows("""
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                SELECT ?claim (GROUP_CONCAT(STR(?link); separator=" ") AS ?links) WHERE {
                  ?claim a <https://w3id.org/mevo/MEVO_0000078> ; <https://w3id.org/mevo/MEVO_0000043> ?study .
                  ?study rdfs:seeAlso ?link
                  FILTER EXISTS { ?study rdfs:seeAlso ?p FILTER(CONTAINS(STR(?p), "pubmed")) }
                  FILTER EXISTS { ?study rdfs:seeAlso ?d FILTER(CONTAINS(STR(?d), "doi.org")) }
                } GROUP BY ?claim ORDER BY ?claim LIMIT 3""");
        assertTrue(r.length > 1, "claims whose study has both a PubMed and a DOI link");
        for (int i = 1; i < r.length; i++) {
            String[] c = r[i].split("\t");
            String claim = c[0].substring(1, c[0].length() - 1);
            String box = provenance(claim);
            for (String link : c[1].replace("\"", "").split(" "))
                assertTrue(box.contains("href=\"" + link + "\""), claim + " shows " + link + ":\n" + box);
        }
    }

    @Test
    void claimPageShowsItsCitationMismatchNote() {
        String[] r = rows("""
                SELECT ?claim ?note WHERE { ?claim a <https://w3id.org/mevo/MEVO_0000078> ; <https://w3id.org/mevo/MEVO_0000057> ?note }
                ORDER BY ?claim LIMIT 3""");
        assertTrue(r.length > 1, "claims with a citation mismatch note");
        for (int i = 1; i < r.length; i++) {
            String[] c = r[i].split("\t");
            String claim = c[0].substring(1, c[0].length() - 1);
            String note = c[1].substring(1, c[1].lastIndexOf('"')).replace("\\\"", "\"");
            String box = provenance(claim);
            assertTrue(box.contains("<tr class=\"note\"><th>citation mismatch note</th><td>" + org.w3id.mevo.serve.EntityPages.esc(note)),
                    claim + " shows its mismatch note:\n" + box);
        }
    }
}
