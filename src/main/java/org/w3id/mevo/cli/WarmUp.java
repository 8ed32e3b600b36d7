package org.w3id.mevo.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.StepLog;

/**
 * The requests {@code ./mevo serve --warm-up-and-exit} sends to its own server: the kinds a client sends first (a
 * query answered as JSON, XML, CSV and Turtle, the landing page, an entity page), so that the class-data archive the
 * JVM writes at exit holds the classes those requests load. The archive only shortens later starts; the answers are
 * not checked here beyond their status.
 */
final class WarmUp {
    private WarmUp() {}

    static void exercise(int port, StepLog log) {
        String base = "http://127.0.0.1:" + port;
        String select = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } LIMIT 3";
        String construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3";
        List<String[]> requests = List.of(
                new String[] {"/mevo/sparql?query=" + enc("ASK {}"), "application/sparql-results+json"},
                new String[] {"/mevo/sparql?query=" + enc(select), "application/sparql-results+json"},
                new String[] {"/mevo/sparql?query=" + enc(select), "application/sparql-results+xml"},
                new String[] {"/mevo/sparql?query=" + enc(select), "text/csv"},
                new String[] {"/mevo/sparql?query=" + enc(construct), "text/turtle"},
                new String[] {"/", "text/html"},
                new String[] {"/MEVO_0000102", "text/html"});
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        int ok = 0;
        for (String[] r : requests) {
            try {
                var resp = client.send(HttpRequest.newBuilder(URI.create(base + r[0])).header("Accept", r[1])
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (resp.statusCode() < 500) ok++;
            } catch (IOException e) {
                throw new MevoException("warm-up request " + r[0] + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.info("warm-up: " + ok + " of " + requests.size() + " requests answered");
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
}
