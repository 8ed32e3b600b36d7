package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.jena.query.Query;
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

/** Every competency query in queries/ is sent over HTTP to a real Fuseki and must return its expected rows. */
class CompetencyQueriesTest {

    static List<Path> queries() {
        return SparqlFiles.list(TestKb.layout().queriesDir());
    }

    @Test
    void everyQueryStatesItsQuestionAndHasExpectedResults() {
        List<Path> qs = queries();
        assertTrue(qs.size() >= 8, "at least 8 competency queries, found " + qs.size());
        for (Path q : qs) {
            SparqlFiles f = SparqlFiles.read(q);
            assertTrue(f.header().containsKey("question"), q + " must state its question in a '# question:' comment");
            assertTrue(Files.isRegularFile(ExpectedResults.fileFor(q)), q + " needs " + ExpectedResults.fileFor(q));
        }
    }

    @TestFactory
    Stream<DynamicTest> queriesAnswerOverHttp() {
        return queries().stream().map(q -> DynamicTest.dynamicTest(q.getFileName().toString(), () -> check(q)));
    }

    private void check(Path q) throws Exception {
        SparqlFiles f = SparqlFiles.read(q);
        Query parsed = f.query();
        var resp = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode(f.text()), "application/sparql-results+json");
        assertEquals(200, resp.statusCode(), () -> q + ": HTTP " + resp.statusCode() + " " + resp.body());
        ExpectedResults.Table expected = ExpectedResults.read(ExpectedResults.fileFor(q));
        Set<String> actual;
        if (parsed.isAskType()) {
            boolean b = ResultSetMgr.readBoolean(new ByteArrayInputStream(resp.body().getBytes(StandardCharsets.UTF_8)),
                    ResultSetLang.RS_JSON);
            actual = new TreeSet<>(Set.of(Boolean.toString(b)));
        } else {
            ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(resp.body().getBytes(StandardCharsets.UTF_8)),
                    ResultSetLang.RS_JSON);
            actual = ExpectedResults.render(rs, expected.vars(), TestKb.prefixes());
        }
        String mode = f.header().getOrDefault("expect", "contains");
        ExpectedResults.assertRows(expected, actual, mode, q.toString(), ExpectedResults.fileFor(q));
        if (f.header().containsKey("min-rows")) {
            int min = Integer.parseInt(f.header().get("min-rows").trim());
            assertTrue(actual.size() >= min, q + ": expected at least " + min + " rows, got " + actual.size());
        }
    }
}
