package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.ResultSetFormatter;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.publish.Release;
import org.w3id.mevo.serve.Readiness;
import org.w3id.mevo.serve.ServeOperation;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.TestKb;

/**
 * The server's Jetty settings from fuseki-config/jetty-http.xml (output buffer sized for Jetty's buffer pool instead of
 * Fuseki 5.6.0's 5 MB), with answers larger than that buffer still complete; and the readiness endpoint and release
 * header that load balancers and clients of replicas rely on.
 */
class ServerSettingsTest {
    @Test
    void jettySettingsReadinessAndReleaseHeader() throws Exception {
        var o = new ServeOperation.Options(TestKb.layout().fusekiConfig(), TestKb.release(), 0, true,
                TestKb.layout().siteDir(), TestKb.prefixes(), List.of(), false);
        FusekiServer server = new ServeOperation(StepLog.stderr()).start(o).server();
        try {
            var http = server.getJettyServer().getConnectors()[0].getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
            assertEquals(32768, http.getOutputBufferSize(), "outputBufferSize from fuseki-config/jetty-http.xml");
            String base = "http://127.0.0.1:" + server.getHttpPort();

            HttpResponse<String> ready = Http.get(base + Readiness.PATH, "text/plain");
            assertEquals(200, ready.statusCode());
            String fp = Release.fingerprint(TestKb.release());
            assertTrue(ready.body().contains("release=" + fp), ready.body());
            assertEquals(fp, ready.headers().firstValue(Readiness.RELEASE_HEADER).orElse(null));
            assertEquals(405, Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + Readiness.PATH))
                    .DELETE().build()).statusCode());

            // an answer of several buffers' size arrives whole (chunked) and equal to the in-process answer
            String q = "SELECT ?s ?p ?o { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 5000";
            HttpResponse<String> r = Http.get(base + "/mevo/sparql?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8), "text/tab-separated-values");
            assertEquals(200, r.statusCode());
            assertEquals(fp, r.headers().firstValue(Readiness.RELEASE_HEADER).orElse(null));
            assertTrue(r.body().length() > 4 * 32768, "answer larger than the output buffer: " + r.body().length());
            var ds = org.w3id.mevo.serve.ServedDataset.loadUnion(TestKb.release());
            int expected;
            try (QueryExecution qe = QueryExecution.create(q, ds)) {
                expected = ResultSetFormatter.consume(qe.execSelect());
            }
            assertEquals(expected + 1, r.body().strip().split("\n").length, "header line + one line per row");
        } finally {
            server.stop();
        }
    }
}
