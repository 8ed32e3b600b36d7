package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3id.mevo.core.SparqlFiles;
import org.w3id.mevo.support.ExpectedResults;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.TestKb;

/**
 * The development set of competency questions (queries/dev/): every query listed in queries/dev/README.md with
 * status {@code today} is sent over HTTP to a real Fuseki serving the built release and must return the rows of its
 * {@code .expected.tsv}. Queries with status {@code needs-merge} use claim slots or classes that other branches add;
 * they are only checked for being listed, parseable and stating their question.
 */
class DevQueriesTest {
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z0-9-]+)\\.rq`\\s*\\|[^|]*\\|\\s*(today|needs-merge)\\s*\\|");

    static Path devDir() { return TestKb.layout().queriesDir().resolve("dev"); }

    /** query name → status, from the table in queries/dev/README.md. */
    static Map<String, String> statuses() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(devDir().resolve("README.md"), StandardCharsets.UTF_8)) {
            Matcher m = ROW.matcher(line);
            if (m.find()) out.put(m.group(1), m.group(2));
        }
        return out;
    }

    @Test
    void everyDevQueryIsListedWithAStatusAndStatesItsQuestion() throws Exception {
        Map<String, String> st = statuses();
        List<Path> qs = SparqlFiles.list(devDir());
        assertTrue(qs.size() >= 40, "at least 40 development questions, found " + qs.size());
        Set<String> files = new TreeSet<>();
        for (Path q : qs) {
            String name = q.getFileName().toString().replaceFirst("\\.rq$", "");
            files.add(name);
            assertTrue(st.containsKey(name), q + " is not listed in queries/dev/README.md");
            SparqlFiles f = SparqlFiles.read(q);
            assertTrue(f.header().containsKey("question"), q + " must state its question in a '# question:' comment");
            f.query(); // parses
            if (st.get(name).equals("today"))
                assertTrue(Files.isRegularFile(ExpectedResults.fileFor(q)), q + " needs " + ExpectedResults.fileFor(q));
        }
        assertEquals(files, new TreeSet<>(st.keySet()), "README lists exactly the queries of queries/dev/");
    }

    @TestFactory
    Stream<DynamicTest> devQueriesAnswerableTodayReturnTheirExpectedRows() throws Exception {
        Map<String, String> st = statuses();
        return SparqlFiles.list(devDir()).stream()
                .filter(q -> "today".equals(st.get(q.getFileName().toString().replaceFirst("\\.rq$", ""))))
                .map(q -> DynamicTest.dynamicTest(q.getFileName().toString(), () -> check(q)));
    }

    private void check(Path q) throws Exception {
        SparqlFiles f = SparqlFiles.read(q);
        var resp = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode(f.text()), "application/sparql-results+json");
        assertEquals(200, resp.statusCode(), () -> q + ": HTTP " + resp.statusCode() + " " + resp.body());
        ExpectedResults.Table expected = ExpectedResults.read(ExpectedResults.fileFor(q));
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(resp.body().getBytes(StandardCharsets.UTF_8)),
                ResultSetLang.RS_JSON);
        Set<String> actual = ExpectedResults.render(rs, expected.vars(), TestKb.prefixes());
        ExpectedResults.assertRows(expected, actual, f.header().getOrDefault("expect", "contains"), q.toString(),
                ExpectedResults.fileFor(q));
    }
}
