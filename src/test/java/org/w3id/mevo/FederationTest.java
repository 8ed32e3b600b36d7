package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.syntax.ElementBind;
import org.apache.jena.sparql.syntax.ElementService;
import org.apache.jena.sparql.syntax.ElementVisitorBase;
import org.apache.jena.sparql.syntax.ElementWalker;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3id.mevo.core.SparqlFiles;
import org.w3id.mevo.support.ExpectedResults;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.TestKb;

/**
 * The federated example queries in queries/federated/, run offline: for each file a second, independent Fuseki on a
 * free loopback port stands in for the external endpoint named in its {@code # endpoint:} header, loaded with a fixture
 * shaped like that endpoint's data ({@code src/test/resources/federation/NAME.ttl}). The query, with its SERVICE IRI
 * replaced by the stand-in's URL, goes over HTTP to the real MEVO server, which makes the SERVICE call itself; the
 * joined rows must be exactly {@code federation/NAME.expected.tsv}. Nothing is sent anywhere but 127.0.0.1.
 */
class FederationTest {

    static Path federatedDir() { return TestKb.layout().queriesDir().resolve("federated"); }

    static Path fixturesDir() { return TestKb.layout().root().resolve("src/test/resources/federation"); }

    static List<Path> queries() { return SparqlFiles.list(federatedDir()); }

    /** queries/federated/NAME.rq -> src/test/resources/federation/NAME.ttl (the stand-in's data) */
    static Path fixtureFor(Path q) { return fixturesDir().resolve(baseName(q) + ".ttl"); }

    /** queries/federated/NAME.rq -> src/test/resources/federation/NAME.expected.tsv (the exact joined rows) */
    static Path expectedFor(Path q) { return fixturesDir().resolve(baseName(q) + ".expected.tsv"); }

    private static String baseName(Path q) {
        String n = q.getFileName().toString();
        return n.substring(0, n.length() - ".rq".length());
    }

    @Test
    void everyFederatedQueryNamesItsQuestionEndpointAndNeedsAndHasAFixture() {
        List<Path> qs = queries();
        assertTrue(qs.size() >= 2, "at least 2 federated example queries in " + federatedDir() + ", found " + qs.size());
        for (Path q : qs) {
            SparqlFiles f = SparqlFiles.read(q);
            for (String key : new String[] {"question", "endpoint", "note"})
                assertTrue(f.header().containsKey(key), q + " must have a '# " + key + ":' header comment");
            String endpoint = f.header().get("endpoint");
            assertTrue(endpoint.startsWith("https://") || endpoint.startsWith("http://"), q + ": endpoint is a URL: " + endpoint);
            assertEquals(Set.of(endpoint), serviceIris(f.query()),
                    q + ": every SERVICE must target the endpoint named in '# endpoint:' (the test replaces only that one)");
            assertTrue(Files.isRegularFile(fixtureFor(q)), q + " needs a stand-in fixture " + fixtureFor(q));
            assertTrue(Files.isRegularFile(expectedFor(q)), q + " needs expected rows " + expectedFor(q));
        }
    }

    @TestFactory
    Stream<DynamicTest> federatedQueriesJoinMevoWithALocalStandInForTheEndpoint() {
        return queries().stream().map(q -> DynamicTest.dynamicTest(q.getFileName().toString(), () -> check(q)));
    }

    private void check(Path q) throws Exception {
        SparqlFiles f = SparqlFiles.read(q);
        String endpoint = f.header().get("endpoint");
        Dataset fixture = DatasetFactory.create();
        RDFDataMgr.read(fixture, fixtureFor(q).toString());
        RequestRecorder recorder = new RequestRecorder();
        FusekiServer standIn = FusekiServer.create().loopback(true).port(0)
                .add("/remote", fixture, false)
                .addFilter("/*", recorder)
                .build().start();
        try {
            String standInUrl = "http://127.0.0.1:" + standIn.getHttpPort() + "/remote/sparql";
            assertTrue(f.text().contains("<" + endpoint + ">"), q + " must write its SERVICE IRI as <" + endpoint + ">");
            String text = f.text().replace("<" + endpoint + ">", "<" + standInUrl + ">");
            Query rewritten = QueryFactory.create(text);
            // guard: the MEVO server will only be asked to call the stand-in, on the loopback interface
            for (String iri : serviceIris(rewritten))
                assertEquals("127.0.0.1", URI.create(iri).getHost(), q + ": SERVICE left pointing outside: " + iri);

            var resp = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode(text), "application/sparql-results+json");
            assertEquals(200, resp.statusCode(), () -> q + ": HTTP " + resp.statusCode() + " " + resp.body());
            ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(resp.body().getBytes(StandardCharsets.UTF_8)),
                    ResultSetLang.RS_JSON);
            ExpectedResults.Table expected = ExpectedResults.read(expectedFor(q));
            Set<String> actual = ExpectedResults.render(rs, expected.vars(), TestKb.prefixes());
            assertEquals(expected.rows(), actual, q + ": joined rows differ from " + expectedFor(q));

            // the MEVO server really called the stand-in, and sent the join keys it computed (BIND) as constants,
            // so the real endpoint would only be asked about MEVO's own entities
            List<String> received = recorder.queries();
            assertFalse(received.isEmpty(), q + ": the stand-in was never called");
            Set<Var> keys = bindVars(f.query());
            for (String remote : received) {
                for (Var k : keys)
                    assertFalse(Pattern.compile("[?$]" + Pattern.quote(k.getVarName()) + "\\b").matcher(remote).find(),
                            q + ": join key ?" + k.getVarName() + " reached the remote endpoint unbound:\n" + remote);
            }
        } finally {
            standIn.stop();
        }
    }

    /** IRIs of all SERVICE clauses in a query. */
    static Set<String> serviceIris(Query query) {
        Set<String> iris = new LinkedHashSet<>();
        ElementWalker.walk(query.getQueryPattern(), new ElementVisitorBase() {
            @Override
            public void visit(ElementService el) {
                assertTrue(el.getServiceNode().isURI(), "SERVICE with a variable endpoint: " + el.getServiceNode());
                iris.add(el.getServiceNode().getURI());
            }
        });
        return iris;
    }

    /** Variables assigned by BIND anywhere in the query (the join keys the federated queries compute). */
    static Set<Var> bindVars(Query query) {
        Set<Var> vars = new LinkedHashSet<>();
        ElementWalker.walk(query.getQueryPattern(), new ElementVisitorBase() {
            @Override
            public void visit(ElementBind el) { vars.add(el.getVar()); }
        });
        return vars;
    }

    /** Keeps the query text of every SPARQL request the stand-in receives (GET or form POST). */
    static final class RequestRecorder implements Filter {
        private final List<String> queries = new CopyOnWriteArrayList<>();

        @Override
        public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
            String query = req.getParameter("query");
            if (query != null) queries.add(query);
            chain.doFilter(req, resp);
        }

        List<String> queries() { return new ArrayList<>(queries); }
    }
}
