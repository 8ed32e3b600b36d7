package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.TestKb;

/**
 * The names biologists (and the review) use find the term: an exact, case-insensitive name lookup over rdfs:label and
 * the four oboInOwl synonym properties, sent over HTTP to a real Fuseki, and the text index over the same properties.
 */
class FindByNameTest {
    static final String LOOKUP = """
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX oboInOwl: <http://www.geneontology.org/formats/oboInOwl#>
            SELECT DISTINCT ?term WHERE {
              VALUES ?p { rdfs:label oboInOwl:hasExactSynonym oboInOwl:hasRelatedSynonym oboInOwl:hasNarrowSynonym oboInOwl:hasBroadSynonym }
              ?term ?p ?n . FILTER(LCASE(STR(?n)) = LCASE(%s))
            }""";

    /** review name -> the term it must find (IDs from the HGNC set 2024-10-18, GO 2022-07-01, miRBase 22) */
    static final Map<String, String> NAMES = new LinkedHashMap<>();
    static {
        NAMES.put("Bcl-xL", "http://identifiers.org/hgnc/992");
        NAMES.put("mTOR pathway", "http://purl.obolibrary.org/obo/GO_0031929");
        NAMES.put("Tie-2", "http://identifiers.org/hgnc/11724");
        NAMES.put("ERK1/2", "http://purl.obolibrary.org/obo/GO_0070371");
        NAMES.put("NF-κB p65", "http://identifiers.org/hgnc/9955");
        NAMES.put("RANTES", "http://identifiers.org/hgnc/10632");
        NAMES.put("cyclin D1", "http://identifiers.org/hgnc/1582");
        NAMES.put("PD-L1", "http://identifiers.org/hgnc/17635");
        NAMES.put("c-Jun", "http://identifiers.org/hgnc/6204");
        NAMES.put("catalase", "http://identifiers.org/hgnc/1516");
        NAMES.put("angiogenin", "http://identifiers.org/hgnc/483");
        NAMES.put("KGF", "http://identifiers.org/hgnc/3685");
        NAMES.put("p21", "http://identifiers.org/hgnc/1784");
        NAMES.put("hedgehog signalling", "http://purl.obolibrary.org/obo/GO_0007224");
        NAMES.put("p38 MAPK", "http://purl.obolibrary.org/obo/GO_0038066");
        NAMES.put("caspase-3", "http://identifiers.org/hgnc/1504");
        NAMES.put("HIF-1α", "http://identifiers.org/hgnc/4910");
        NAMES.put("miR-21", "http://identifiers.org/mirbase.mature/MIMAT0000076");
        NAMES.put("MSC", "http://purl.obolibrary.org/obo/CL_0000134");
        NAMES.put("ALIX", "http://identifiers.org/hgnc/8766");
    }

    private static Set<String> select(String query) {
        var resp = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode(query), "application/sparql-results+json");
        assertEquals(200, resp.statusCode(), () -> "HTTP " + resp.statusCode() + " " + resp.body());
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(resp.body().getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_JSON);
        Set<String> out = new TreeSet<>();
        rs.forEachRemaining(s -> s.varNames().forEachRemaining(v -> { if (s.get(v).isURIResource()) out.add(s.get(v).asResource().getURI()); }));
        return out;
    }

    @Test
    void everyReviewNameResolvesByExactLookupOverHttp() {
        List<String> misses = new ArrayList<>();
        for (var e : NAMES.entrySet()) {
            Set<String> hits = select(LOOKUP.formatted(org.w3id.mevo.core.TextFiles.quoted(e.getKey())));
            if (!hits.contains(e.getValue())) misses.add(e.getKey() + " -> " + hits);
        }
        assertTrue(misses.isEmpty(), "names that do not find their term: " + misses);
    }

    @Test
    void theTextIndexFindsSynonyms() {
        String q = """
                PREFIX text: <http://jena.apache.org/text#>
                SELECT DISTINCT ?hit WHERE { ?hit text:query %s }""";
        assertTrue(select(q.formatted("\"\\\"RANTES\\\"\"")).contains(NAMES.get("RANTES")), "text search for RANTES (an HGNC alias)");
        assertTrue(select(q.formatted("\"\\\"Tie-2\\\"\"")).contains(NAMES.get("Tie-2")), "text search for Tie-2");
        assertTrue(select(q.formatted("\"\\\"mTOR pathway\\\"\"")).contains(NAMES.get("mTOR pathway")), "text search for the review's 'mTOR pathway'");
    }

    /**
     * Every gene that a claim uses carries at least one synonym (from HGNC, NCBI Gene or the review), and so does every
     * GO term except those for which GO (2022-07-01) itself records no synonym and the review uses GO's label.
     */
    @Test
    void everyGeneAndGoTermUsedByAClaimHasASynonym() {
        String q = """
                PREFIX mevo: <https://w3id.org/mevo/MEVO_>
                PREFIX oboInOwl: <http://www.geneontology.org/formats/oboInOwl#>
                SELECT DISTINCT ?term WHERE {
                  ?claim a mevo:0000078 ; ?p ?term .
                  FILTER(isIRI(?term) && (STRSTARTS(STR(?term), "http://identifiers.org/hgnc/") || STRSTARTS(STR(?term), "http://purl.obolibrary.org/obo/GO_")))
                  FILTER NOT EXISTS { VALUES ?s { oboInOwl:hasExactSynonym oboInOwl:hasRelatedSynonym oboInOwl:hasNarrowSynonym oboInOwl:hasBroadSynonym } ?term ?s ?any }
                }""";
        String used = """
                PREFIX mevo: <https://w3id.org/mevo/MEVO_>
                SELECT (COUNT(DISTINCT ?term) AS ?n) WHERE { ?claim a mevo:0000078 ; ?p ?term .
                  FILTER(isIRI(?term) && (STRSTARTS(STR(?term), "http://identifiers.org/hgnc/") || STRSTARTS(STR(?term), "http://purl.obolibrary.org/obo/GO_"))) }""";
        var resp = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode(used), "text/csv");
        int n = Integer.parseInt(resp.body().lines().skip(1).findFirst().orElse("0").strip());
        assertTrue(n > 50, "claims use more than 50 genes and GO terms, found " + n);
        Set<String> goWithoutSynonymInGo = Set.of("http://purl.obolibrary.org/obo/GO_0070269", // pyroptosis
                "http://purl.obolibrary.org/obo/GO_0006979", "http://purl.obolibrary.org/obo/GO_0031103",
                "http://purl.obolibrary.org/obo/GO_0016477", "http://purl.obolibrary.org/obo/GO_0006909");
        assertEquals(goWithoutSynonymInGo, select(q), "genes and GO terms used by claims without any synonym");
    }
}
