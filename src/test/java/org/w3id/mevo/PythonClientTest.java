package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.core.Prefixes;
import org.w3id.mevo.core.SparqlFiles;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.ExpectedResults;
import org.w3id.mevo.support.Prerequisites;
import org.w3id.mevo.support.Processes;
import org.w3id.mevo.support.TestKb;

/**
 * The Python example client (examples/python/mevo_client.py, SPARQLWrapper) run by Debian's python3 against the real
 * test server: its three example questions must come back with the rows in queries/NAME.expected.tsv.
 * Prerequisite: tools/test-setup.sh (installs python3-sparqlwrapper).
 */
@Tag("system")
class PythonClientTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = "examples/python/mevo_client.py";
    private static final List<String> QUERIES = List.of("ev-subtype-sizes", "claims-targeting-pten", "citation-mismatches");
    private static final long TIMEOUT_S = 120;

    @BeforeAll
    static void pythonHasSparqlWrapper() throws Exception {
        Prerequisites.require(Files.isExecutable(Path.of(PYTHON)), PYTHON, "install Debian's python3 and python3-sparqlwrapper"
                + " (`bash tools/test-setup.sh` as root)");
        Processes.Result r = run(List.of(PYTHON, "-c", "import SPARQLWrapper"));
        Prerequisites.require(r.exit() == 0, "Python's SPARQLWrapper (" + PYTHON + " cannot import it: " + r.err().trim() + ")",
                "run `bash tools/test-setup.sh` (as root) to install Debian's python3-sparqlwrapper");
    }

    @Test
    void jsonModeReturnsTheExpectedRowsOfTheThreeExampleQuestions() throws Exception {
        Processes.Result r = run(List.of(PYTHON, SCRIPT, TestKb.sparqlUrl(), "--json"));
        assertEquals(0, r.exit(), "mevo_client.py --json failed:\n" + r.err() + "\n" + r.out());
        JsonObject all = JSON.parse(r.out());
        Prefixes prefixes = TestKb.prefixes();
        for (String name : QUERIES) {
            assertTrue(all.hasKey(name), name + " missing from the client's output: " + all.keys());
            Path q = TestKb.layout().queriesDir().resolve(name + ".rq");
            ExpectedResults.Table expected = ExpectedResults.read(ExpectedResults.fileFor(q));
            JsonObject result = all.get(name).getAsObject();
            List<String> vars = new ArrayList<>();
            result.get("vars").getAsArray().forEach(v -> vars.add(v.getAsString().value()));
            assertTrue(vars.containsAll(expected.vars()), name + ": variables " + vars + " lack some of " + expected.vars());
            Set<String> actual = render(result.get("rows").getAsArray(), expected.vars(), prefixes);
            String mode = SparqlFiles.read(q).header().getOrDefault("expect", "contains");
            ExpectedResults.assertRows(expected, actual, mode, name, ExpectedResults.fileFor(q));
        }
    }

    /**
     * SPARQLWrapper 1.8.5 guesses the query form from words in comments (it strips only every other line of a comment
     * block): this query's header makes it take the SELECT for a LOAD. The example client strips comments and sets
     * the form, so it still gets the rows of queries/ev-subtype-sizes.expected.tsv.
     */
    @Test
    void commentsThatLookLikeUpdateKeywordsDoNotConfuseTheClient() throws Exception {
        Path q = TestKb.layout().queriesDir().resolve("ev-subtype-sizes.rq");
        String text = "# title: which EV subtypes are loaded, with sizes\n# note: nothing is inserted, added or dropped here\n"
                + Files.readString(q, StandardCharsets.UTF_8);
        Path dir = TestKb.layout().root().resolve("target").resolve("python-client");
        Files.createDirectories(dir);
        Path file = dir.resolve("ev-subtype-sizes-commented.rq");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        // the caveat is real: plain SPARQLWrapper 1.8.5 takes this SELECT for an update
        Processes.Result plain = run(List.of(PYTHON, "-c", "import sys\nfrom SPARQLWrapper import SPARQLWrapper\ns = SPARQLWrapper('http://127.0.0.1:1/x')\n"
                + "s.setQuery(open(sys.argv[1], encoding='utf-8').read())\nprint(s.queryType)", file.toString()));
        assertEquals(0, plain.exit(), plain.err());
        assertTrue(!plain.out().trim().equals("SELECT"), "SPARQLWrapper now detects the form correctly (" + plain.out().trim()
                + "); the caveat in examples/python/mevo_client.py can go");
        Processes.Result r = run(List.of(PYTHON, SCRIPT, TestKb.sparqlUrl(), "--json", "--file", file.toString()));
        assertEquals(0, r.exit(), "mevo_client.py --file failed:\n" + r.err() + "\n" + r.out());
        JsonObject result = JSON.parse(r.out()).get("ev-subtype-sizes-commented").getAsObject();
        ExpectedResults.Table expected = ExpectedResults.read(ExpectedResults.fileFor(q));
        Set<String> actual = render(result.get("rows").getAsArray(), expected.vars(), TestKb.prefixes());
        ExpectedResults.assertRows(expected, actual, SparqlFiles.read(q).header().getOrDefault("expect", "contains"),
                "ev-subtype-sizes (commented)", ExpectedResults.fileFor(q));
    }

    @Test
    void tableModePrintsEachQuestionAsATable() throws Exception {
        Processes.Result r = run(List.of(PYTHON, SCRIPT, TestKb.sparqlUrl()));
        assertEquals(0, r.exit(), r.err());
        for (String name : QUERIES) assertTrue(r.out().contains("== " + name + " ("), "table for " + name + ":\n" + r.out());
        assertTrue(r.out().contains("MEVO:0000102") && r.out().contains("exosome"), "IRIs shortened to CURIEs:\n" + r.out());
        assertTrue(r.out().contains("hsa-miR-410-3p"), r.out());
    }

    @Test
    void unreachableEndpointIsReportedWithANonZeroExit() throws Exception {
        int port = Http.freePort();
        Processes.Result r = run(List.of(PYTHON, SCRIPT, "http://127.0.0.1:" + port + "/mevo/sparql", "--json"));
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("error: query ev-subtype-sizes"), r.err());
    }

    /** Same notation as ExpectedResults: IRIs as CURIEs, literals as lexical form, unbound as empty. */
    static Set<String> render(JsonArray rows, List<String> vars, Prefixes prefixes) {
        Set<String> out = new TreeSet<>();
        for (JsonValue row : rows) {
            JsonObject b = row.getAsObject();
            List<String> cells = new ArrayList<>();
            for (String v : vars) {
                if (!b.hasKey(v)) { cells.add(""); continue; }
                JsonObject term = b.get(v).getAsObject();
                String type = term.get("type").getAsString().value();
                String value = term.get("value").getAsString().value();
                cells.add(switch (type) {
                    case "uri" -> prefixes.shorten(value);
                    case "bnode" -> "_:b";
                    default -> value.replace('\t', ' ').replace('\n', ' ');
                });
            }
            out.add(String.join("\t", cells));
        }
        return out;
    }

    private static Processes.Result run(List<String> cmd) throws IOException, InterruptedException {
        return Processes.run(cmd, TestKb.layout().root(), Duration.ofSeconds(TIMEOUT_S), env -> {
            env.put("PYTHONIOENCODING", "utf-8");
            env.remove("http_proxy");
            env.remove("HTTP_PROXY");
            env.put("no_proxy", "127.0.0.1,localhost");
        });
    }
}
