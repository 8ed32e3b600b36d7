package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.core.SparqlFiles;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.ExpectedResults;
import org.w3id.mevo.support.Processes;
import org.w3id.mevo.support.TestKb;

/**
 * The R example client (examples/r/mevo_client.R, httr + jsonlite) run by Debian's Rscript against the real test server
 * (a Fuseki on a free loopback port): its three example questions must come back with the rows in
 * queries/NAME.expected.tsv. Prerequisite: tools/test-setup.sh (installs r-base-core, r-cran-httr, r-cran-jsonlite).
 */
class RClientTest {
    private static final String RSCRIPT = "/usr/bin/Rscript";
    private static final String SCRIPT = "examples/r/mevo_client.R";
    private static final List<String> QUERIES = List.of("ev-subtype-sizes", "claims-targeting-pten", "citation-mismatches");

    @BeforeAll
    static void rHasHttrAndJsonlite() throws Exception {
        var r = Processes.run(List.of(RSCRIPT, "-e", "library(httr); library(jsonlite)"), 120);
        assertEquals(0, r.exit(), "Rscript cannot load httr and jsonlite; run `bash tools/test-setup.sh` (as root): " + r.err());
    }

    @Test
    void jsonModeReturnsTheExpectedRowsOfTheThreeExampleQuestions() throws Exception {
        var r = Processes.run(List.of(RSCRIPT, SCRIPT, TestKb.sparqlUrl(), "--json"), 180);
        assertEquals(0, r.exit(), "mevo_client.R --json failed:\n" + r.err() + "\n" + r.out());
        JsonObject all = JSON.parse(r.out());
        for (String name : QUERIES) {
            assertTrue(all.hasKey(name), name + " missing from the client's output: " + all.keys());
            Path q = TestKb.layout().queriesDir().resolve(name + ".rq");
            ExpectedResults.Table expected = ExpectedResults.read(ExpectedResults.fileFor(q));
            JsonObject result = all.get(name).getAsObject();
            List<String> vars = new ArrayList<>();
            result.get("vars").getAsArray().forEach(v -> vars.add(v.getAsString().value()));
            assertTrue(vars.containsAll(expected.vars()), name + ": variables " + vars + " lack some of " + expected.vars());
            Set<String> actual = PythonClientTest.render(result.get("rows").getAsArray(), expected.vars(), TestKb.prefixes());
            ExpectedResults.assertRows(expected, actual, SparqlFiles.read(q).header().getOrDefault("expect", "contains"),
                    name + " (R)", ExpectedResults.fileFor(q));
        }
    }

    @Test
    void tableModePrintsEachQuestionAsADataFrame() throws Exception {
        var r = Processes.run(List.of(RSCRIPT, SCRIPT, TestKb.sparqlUrl()), 180);
        assertEquals(0, r.exit(), r.err());
        for (String name : QUERIES) assertTrue(r.out().contains("== " + name + " ("), "table for " + name + ":\n" + r.out());
        assertTrue(r.out().contains("MEVO:0000102") && r.out().contains("exosome"), "IRIs shortened to CURIEs:\n" + r.out());
        assertTrue(r.out().contains("hsa-miR-410-3p"), r.out());
    }

    @Test
    void unreachableEndpointIsReportedWithANonZeroExit() throws Exception {
        int port = Http.freePort();
        var r = Processes.run(List.of(RSCRIPT, SCRIPT, "http://127.0.0.1:" + port + "/mevo/sparql", "--json"), 120);
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("error: query ev-subtype-sizes"), r.err());
    }
}
