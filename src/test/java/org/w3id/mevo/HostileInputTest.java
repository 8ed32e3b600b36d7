package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.w3id.mevo.core.SparqlFiles;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.TestKb;

/**
 * Hostile input: several hundred malformed or abusive requests, generated deterministically from a fixed seed, sent to
 * the real MEVO test server (127.0.0.1 only) by a few threads at once. Each must get its proper 4xx answer (503 for
 * queries stopped by the timeout, 505 for an unknown HTTP version), never an unexpected 5xx or a hang, while a normal
 * query sent after every 20 of them still answers 200, nothing gets written, and the heap (the server runs in this
 * JVM) and thread count stay bounded. SERVICE calls are only ever aimed at loopback addresses where no endpoint runs
 * (127.0.0.2:9, localhost:1, ...); the allow-list must refuse them before any connection is attempted.
 */
@Tag("system")
class HostileInputTest {
    private static final long SEED = 0x4D45564FL; // "MEVO"
    private static final int THREADS = 4;
    private static final int NORMAL_EVERY = 20;
    private static final int MIN_HOSTILE = 500;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(40);
    private static final long OVERALL_TIMEOUT_S = 300;
    /** The server's query timeout is 10 s to the first result, 30 s overall (fuseki-config/mevo.ttl). */
    private static final long TIMED_OUT_WITHIN_MS = 35_000;
    /** A refused SERVICE must be refused before any connection is tried: well under a connect timeout. */
    private static final long SERVICE_REFUSED_WITHIN_MS = 5_000;
    /**
     * Retained heap growth allowed over the whole run, measured after GC (the server runs in this JVM). Observed: 1-2 MB
     * (Jetty's thread and buffer pools, JIT, Fuseki's per-endpoint counters). The run sends about 64 MB of request
     * bytes, mostly in a few 2-26 MB bodies of which the server should read at most 512 KB each; a server that kept
     * what it read, the parse trees, or the partial results of the timed-out queries (millions of bindings for a
     * cartesian product stopped after 10 s) would exceed this bound.
     */
    private static final long MAX_HEAP_GROWTH = 64L << 20;
    private static final int MAX_THREAD_GROWTH = 64;
    private static final String NORMAL_QUERY = "ASK { ?s ?p ?o }";
    /** The two SERVICE endpoints the production configuration allows (never called by this test). */
    private static final List<String> PRODUCTION_SERVICES = List.of("https://sparql.uniprot.org/sparql", "https://query.wikidata.org/sparql");

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    // ---------------------------------------------------------------------------------------------------------------
    // expectations

    /** What a hostile request must be answered with: null if the answer is right, else what is wrong with it. */
    @FunctionalInterface
    interface Expect {
        String check(int status, String body);

        default Expect and(Expect other) {
            return (s, b) -> {
                String w = check(s, b);
                return w != null ? w : other.check(s, b);
            };
        }
    }

    static Expect status(int... codes) {
        return (s, b) -> {
            for (int c : codes) if (s == c) return null;
            return "expected HTTP " + java.util.Arrays.toString(codes) + ", got " + s;
        };
    }

    static Expect clientError() {
        return (s, b) -> s >= 400 && s < 500 ? null : "expected a 4xx, got " + s;
    }

    /** 200 (served normally) or a 4xx (refused): anything but a 5xx, a hang or a dropped connection. */
    static Expect servedOrRefused() {
        return (s, b) -> s == 200 || (s >= 400 && s < 500) ? null : "expected 200 or a 4xx, got " + s;
    }

    static Expect bodyHas(String... anyOf) {
        return (s, b) -> {
            for (String a : anyOf) if (b.contains(a)) return null;
            return "body should contain one of " + List.of(anyOf);
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // cases and outcomes

    /** One hostile request: over java.net.http, or (raw != null) as bytes written to a socket. */
    record Case(String category, String what, HttpRequest http, byte[] raw, Expect expect, long withinMs) {
        Case(String category, String what, HttpRequest http, Expect expect) { this(category, what, http, null, expect, 0); }
    }

    record Outcome(Case c, int status, String body, long millis, String failure) {}

    private final String base = TestKb.baseUrl();
    private final int port = URI.create(base).getPort();

    private HttpRequest.Builder req(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(REQUEST_TIMEOUT);
    }

    private HttpRequest get(String pathAndQuery, String accept) {
        return req(pathAndQuery).header("Accept", accept).GET().build();
    }

    private HttpRequest post(String path, String contentType, String body) {
        return req(path).header("Content-Type", contentType).header("Accept", "*/*")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** A query sent as the protocol allows: 0 = GET ?query=, 1 = POST form, 2 = POST application/sparql-query. */
    private HttpRequest query(String q, int how) {
        return switch (how % 3) {
            case 0 -> get("/mevo/sparql?query=" + Http.encode(q), "application/sparql-results+json");
            case 1 -> post("/mevo/sparql", "application/x-www-form-urlencoded", "query=" + Http.encode(q));
            default -> post("/mevo/sparql", "application/sparql-query", q);
        };
    }

    private static final String[] HOW = {"GET", "form POST", "sparql-query POST"};

    Outcome run(Case c) {
        long t0 = System.nanoTime();
        int status;
        String body;
        try {
            if (c.raw() != null) {
                String head = rawExchange(c.raw());
                Matcher m = Pattern.compile("^HTTP/1\\.[01] (\\d{3})").matcher(head);
                status = m.find() ? Integer.parseInt(m.group(1)) : -1;
                body = head;
            } else {
                URI u = c.http().uri();
                if (!"127.0.0.1".equals(u.getHost())) throw new IllegalStateException("loopback only: " + u);
                HttpResponse<String> r;
                try {
                    r = CLIENT.send(c.http(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException stale) {
                    // the client reused a pooled connection that the server had already closed (after refusing an
                    // earlier oversized request with Connection: close); any HTTP client retries such a request once
                    if (!String.valueOf(stale.getMessage()).contains("received no bytes")) throw stale;
                    r = CLIENT.send(c.http(), HttpResponse.BodyHandlers.ofString());
                }
                status = r.statusCode();
                body = r.body();
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            status = -1;
            body = e.toString();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // A server may refuse a request body far over its limit by answering early and closing the connection while the
        // client is still sending; the client then sees the connection reset instead of the status. That is a refusal,
        // not a failure, provided it happens at once (no hang) and only for bodies beyond the limits.
        boolean refusedByClosing = status < 0 && c.category().equals("oversized") && body.contains("IOException") && ms < 5_000;
        String failure = refusedByClosing ? null : status < 0 ? "no HTTP answer: " + body : c.expect().check(status, body);
        if (failure == null && c.withinMs() > 0 && ms > c.withinMs()) failure = "took " + ms + " ms, more than " + c.withinMs();
        return new Outcome(c, status, body.length() > 300 ? body.substring(0, 300) + "..." : body, ms, failure);
    }

    /** Writes raw bytes to the server, half-closes, and returns the start of what comes back (status line, headers). */
    private String rawExchange(byte[] request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            for (int n; got.size() < 8192 && (n = in.read(buf)) != -1; ) {
                got.write(buf, 0, n);
                if (got.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) break;
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the queries the corruptions start from

    record Source(String name, String text) {}

    static List<Source> sources() {
        List<Source> out = new ArrayList<>();
        for (Path p : SparqlFiles.list(TestKb.layout().queriesDir())) {
            SparqlFiles f = SparqlFiles.read(p);
            StringBuilder sb = new StringBuilder();
            for (String line : f.text().split("\n")) if (!line.stripLeading().startsWith("#")) sb.append(line).append('\n');
            out.add(new Source(p.getFileName().toString(), sb.toString().strip()));
        }
        return out;
    }

    /** Jena's parse error for this text, or null if it parses (same parser and syntax as Fuseki). */
    static String parseError(String q) {
        try {
            QueryFactory.create(q, Syntax.syntaxARQ);
            return null;
        } catch (QueryParseException e) {
            return e.getMessage() == null ? "parse error" : e.getMessage();
        } catch (RuntimeException e) {
            return null; // some other query error (not what this category is about): try another corruption
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // generators, one per category

    private static final String[] JUNK = {"}", "{", "SELECT", "?", ".", "((", "\"", "<", "FILTER(", "@@", ",", ";;",
            "PREFIX", "WHERE", "^^", "$", "<<", "|", "!", "GROUP BY", "LIMIT x", ")", "]", "[", "'''"};
    private static final String PUNCT = "{}()<>\"'.;,?$@^|![]";
    private static final String[] GARBAGE = {"\u0001", "\u0007", "\u00ff\u00fe", "\ufffd", "\u2028", "\u202e", "\\", "`"};

    static String corrupt(String q, int kind, Random r) {
        int n = q.length();
        switch (kind) {
            case 0: // truncation
                return q.substring(0, 1 + r.nextInt(n - 1));
            case 1: { // a bracket removed
                List<Integer> at = new ArrayList<>();
                for (int i = 0; i < n; i++) if ("{}()".indexOf(q.charAt(i)) >= 0) at.add(i);
                if (at.isEmpty()) return q;
                int i = at.get(r.nextInt(at.size()));
                return q.substring(0, i) + q.substring(i + 1);
            }
            case 2: { // a junk token inserted
                int i = r.nextInt(n);
                return q.substring(0, i) + " " + JUNK[r.nextInt(JUNK.length)] + " " + q.substring(i);
            }
            case 3: { // characters replaced by punctuation
                char[] c = q.toCharArray();
                for (int k = 0, m = 1 + r.nextInt(3); k < m; k++) c[r.nextInt(n)] = PUNCT.charAt(r.nextInt(PUNCT.length()));
                return new String(c);
            }
            case 4: { // a slice duplicated somewhere else
                int a = r.nextInt(n - 3), len = 3 + r.nextInt(Math.min(30, n - a - 2));
                String slice = q.substring(a, Math.min(n, a + len));
                int i = r.nextInt(n);
                return q.substring(0, i) + slice + q.substring(i);
            }
            default: // truncated, then garbage characters
                return q.substring(0, 1 + r.nextInt(n - 1)) + GARBAGE[r.nextInt(GARBAGE.length)] + " }";
        }
    }

    List<Case> syntaxErrors(Random r, List<Source> sources, int count) {
        List<Case> out = new ArrayList<>();
        String[] kinds = {"truncated", "bracket removed", "junk token", "punctuation", "slice duplicated", "garbage chars"};
        for (int i = 0; i < count; i++) {
            Source s = sources.get(r.nextInt(sources.size()));
            int kind = i % kinds.length;
            String bad = null;
            for (int attempt = 0; bad == null && attempt < 200; attempt++) {
                String c = corrupt(s.text(), kind, r);
                if (!c.isBlank() && parseError(c) != null) bad = c;
            }
            assertNotNull(bad, "no parse error produced from " + s.name());
            out.add(new Case("syntax error", s.name() + " " + kinds[kind] + " via " + HOW[i % 3], query(bad, i),
                    status(400).and(bodyHas("Parse error"))));
        }
        return out;
    }

    private static final Pattern PREFIX_LINE = Pattern.compile("(?im)^\\s*PREFIX\\s+([A-Za-z][\\w-]*)?:\\s*<[^>]*>\\s*$");

    List<Case> unknownPrefixes(Random r, List<Source> sources, int count) {
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String bad = null, what = null;
            for (int attempt = 0; bad == null && attempt < 200; attempt++) {
                String pfx = "q" + randomWord(r, 3 + r.nextInt(6));
                String local = randomWord(r, 1 + r.nextInt(8));
                String c;
                switch (i % 4) {
                    case 0 -> { // a PREFIX declaration of a real query removed
                        Source s = sources.get(r.nextInt(sources.size()));
                        Matcher m = PREFIX_LINE.matcher(s.text());
                        List<int[]> lines = new ArrayList<>();
                        while (m.find()) lines.add(new int[] {m.start(), m.end()});
                        if (lines.isEmpty()) continue;
                        int[] l = lines.get(r.nextInt(lines.size()));
                        c = s.text().substring(0, l[0]) + s.text().substring(l[1]);
                        what = s.name() + " without one PREFIX";
                    }
                    case 1 -> {
                        c = "SELECT * WHERE { ?s " + pfx + ":" + local + " ?o } LIMIT 5";
                        what = "undeclared " + pfx + ": as predicate";
                    }
                    case 2 -> {
                        c = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?s WHERE { ?s rdfs:label ?l FILTER("
                                + pfx + ":" + local + "(?l)) } LIMIT 5";
                        what = "undeclared " + pfx + ": as function";
                    }
                    default -> {
                        c = "ASK { ?s ?p \"1\"^^" + pfx + ":" + local + " }";
                        what = "undeclared " + pfx + ": as datatype";
                    }
                }
                String e = parseError(c);
                if (e != null && e.contains("Unresolved prefixed name")) bad = c;
            }
            assertNotNull(bad, "no unknown-prefix query produced");
            out.add(new Case("unknown prefix", what + " via " + HOW[i % 3], query(bad, i),
                    status(400).and(bodyHas("Unresolved prefixed name"))));
        }
        return out;
    }

    static String randomWord(Random r, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) sb.append((char) ('a' + r.nextInt(26)));
        return sb.toString();
    }

    List<Case> oversized(Random r) {
        List<Case> out = new ArrayList<>();
        int mb2 = 2 << 20;
        Expect tooLong = status(413).and(bodyHas("longer than"));
        // 2 MB of random tokens as a form POST
        StringBuilder junk = new StringBuilder("SELECT * WHERE { ");
        while (junk.length() < mb2) junk.append(JUNK[r.nextInt(JUNK.length)]).append(' ').append(randomWord(r, 1 + r.nextInt(8))).append(' ');
        out.add(new Case("oversized", "2 MB of random tokens, form POST",
                post("/mevo/sparql", "application/x-www-form-urlencoded", "query=" + Http.encode(junk.toString())), tooLong));
        // a valid query padded with a 2 MB comment (parsing it would cost seconds of CPU), both POST forms
        String padded = "ASK { ?s ?p ?o } #" + "a".repeat(mb2);
        out.add(new Case("oversized", "valid query + 2 MB comment, sparql-query POST",
                post("/mevo/sparql", "application/sparql-query", padded), tooLong));
        out.add(new Case("oversized", "valid query + 2 MB comment, form POST",
                post("/mevo/sparql", "application/x-www-form-urlencoded", "query=" + Http.encode(padded)), tooLong));
        // 2 MB of nested groups, and 2 MB of triple patterns
        out.add(new Case("oversized", "2 MB of nested '{'", post("/mevo/sparql", "application/sparql-query",
                "ASK " + "{".repeat(mb2)), tooLong));
        StringBuilder patterns = new StringBuilder("ASK {");
        for (int i = 0; patterns.length() < mb2; i++) patterns.append(" ?s <urn:hostile:p").append(i).append("> ?o").append(i % 97).append(" .");
        out.add(new Case("oversized", "2 MB of triple patterns", post("/mevo/sparql", "application/sparql-query",
                patterns.append(" }").toString()), tooLong));
        // 2 MB string literal in a VALUES block, form POST
        out.add(new Case("oversized", "2 MB string literal", post("/mevo/sparql", "application/x-www-form-urlencoded",
                "query=" + Http.encode("SELECT ?x WHERE { VALUES ?x { \"" + "x".repeat(mb2) + "\" } }")), tooLong));
        // bodies far beyond the limit: read only up to the limit (sparql-query), or refused by Jetty's form limit (25 MB)
        out.add(new Case("oversized", "20 MB sparql-query body", post("/mevo/sparql", "application/sparql-query",
                "ASK {} #" + "b".repeat(20 << 20)), tooLong));
        out.add(new Case("oversized", "26 MB form body (over Jetty's form limit)", post("/mevo/sparql",
                "application/x-www-form-urlencoded", "query=" + "c".repeat(26 << 20)), status(400, 413)));
        // GET URLs: ~600 KB (over the 512 KB request-line limit) and 2 MB
        out.add(new Case("oversized", "GET with a 600 KB URL",
                get("/mevo/sparql?query=" + Http.encode("ASK {} #" + "d".repeat(600 << 10)), "*/*"), status(414)));
        out.add(new Case("oversized", "GET with a 2 MB URL",
                get("/mevo/sparql?query=" + Http.encode("ASK {} #" + "e".repeat(mb2)), "*/*"), status(414)));
        // just under the limit, a long but legitimate query still works
        StringBuilder values = new StringBuilder("SELECT (COUNT(*) AS ?n) WHERE { VALUES ?x {");
        for (int i = 0; values.length() < 400_000; i++) values.append(" <https://w3id.org/mevo/MEVO_").append(String.format("%07d", i)).append('>');
        out.add(new Case("oversized", "400 KB VALUES query (under the limit)",
                post("/mevo/sparql", "application/sparql-query", values.append(" } ?x ?p ?o }").toString()), status(200)));
        return out;
    }

    /** Queries that cannot finish in time: cartesian products and unbounded property paths over the whole graph. */
    List<Case> timeouts() {
        String[] qs = {
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
            "SELECT (COUNT(*) AS ?n) WHERE { ?a (!<urn:hostile:none>)* ?b . ?b (!<urn:hostile:none>)+ ?c . ?c (!<urn:hostile:none>)+ ?d }",
            "SELECT ?a ?b WHERE { ?a (^!<urn:hostile:none>|!<urn:hostile:none>)* ?b } ORDER BY ?b LIMIT 1",
        };
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < qs.length; i++)
            out.add(new Case("timeout", qs[i].substring(0, 40) + "... via " + HOW[i % 2], query(qs[i], i % 2), null,
                    status(503).and(bodyHas("Query timed out")), TIMED_OUT_WITHIN_MS));
        return out;
    }

    List<Case> services(Random r) {
        // loopback addresses where no SPARQL endpoint runs; not admitted by the allow-list (the tests add only
        // http://127.0.0.1:* for their stand-ins), and refused before anything is called
        String[] endpoints = {"http://127.0.0.2:9/sparql", "http://localhost:1/sparql", "http://127.0.0.2:1/",
            "http://localhost:9/query", "http://[::1]:9/sparql", "http://127.0.0.3:7/sparql?x=1",
            "http://127.0.0.1:80@127.0.0.2:9/sparql", "https://localhost:1/sparql", "file:///etc/passwd",
            "http://127.0.0.2:9/https://sparql.uniprot.org/sparql"};
        String[] shapes = {
            "SELECT * WHERE { SERVICE <%s> { ?s ?p ?o } }",
            "SELECT * WHERE { SERVICE SILENT <%s> { ?s ?p ?o } }",
            "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <%s> { ?s ?p ?o } } LIMIT 1 } }",
            "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <%s> { ?s ?p ?o } } } LIMIT 1",
            "SELECT ?s WHERE { ?s ?p ?o OPTIONAL { SERVICE <%s> { ?s ?q ?v } } } LIMIT 1",
            "SELECT ?s WHERE { ?s ?p ?o } ORDER BY (EXISTS { SERVICE <%s> { ?s ?p ?o } }) LIMIT 1",
            "ASK { SERVICE <http://127.0.0.1:1/sparql> { SERVICE <%s> { ?s ?p ?o } } }",
            "SELECT (SUM(IF(EXISTS { SERVICE <%s> { ?s ?p ?o } }, 1, 0)) AS ?n) WHERE { ?s ?p ?o }",
        };
        List<Case> out = new ArrayList<>();
        String allowList = PRODUCTION_SERVICES.get(0);
        for (int i = 0; i < 40; i++) {
            String ep = endpoints[i % endpoints.length];
            String q = String.format(shapes[r.nextInt(shapes.length)], ep);
            out.add(new Case("SERVICE not allowed", ep + " via " + HOW[i % 3], query(q, i), null, status(400)
                    .and(bodyHas("is not allowed")).and(bodyHas(ep)).and(bodyHas(allowList)), SERVICE_REFUSED_WITHIN_MS));
        }
        String[] variable = {
            "SELECT * WHERE { SERVICE ?x { ?s ?p ?o } }",
            "SELECT * WHERE { BIND(<http://localhost:1/sparql> AS ?x) SERVICE ?x { ?s ?p ?o } }",
            "SELECT * WHERE { VALUES ?x { <http://127.0.0.2:9/sparql> } SERVICE ?x { ?s ?p ?o } }",
            "SELECT * WHERE { ?x ?p ?o SERVICE SILENT ?x { ?s ?p ?o } } LIMIT 1",
        };
        for (int i = 0; i < 8; i++)
            out.add(new Case("SERVICE not allowed", "variable endpoint #" + (i % variable.length) + " via " + HOW[i % 3],
                    query(variable[i % variable.length], i), null, status(400).and(bodyHas("variable endpoint")),
                    SERVICE_REFUSED_WITHIN_MS));
        return out;
    }

    List<Case> updates(Random r) {
        List<Case> out = new ArrayList<>();
        String[] ups = {"INSERT DATA { <urn:hostile:x> <urn:hostile:y> <urn:hostile:z> }", "DELETE WHERE { ?s ?p ?o }",
            "DROP ALL", "CLEAR DEFAULT", "CREATE GRAPH <urn:hostile:g>", "LOAD <http://127.0.0.2:9/data.ttl>",
            "INSERT { <urn:hostile:x> ?p ?o } WHERE { ?s ?p ?o }", "WITH <urn:hostile:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"};
        String[] paths = {"/mevo", "/mevo/sparql", "/mevo/query", "/mevo/update", "/mevo/data", "/mevo/get", "/mevo/upload"};
        int i = 0;
        for (String path : paths) {
            for (int k = 0; k < 4; k++, i++) {
                String u = ups[r.nextInt(ups.length)];
                out.add(new Case("update", "form update= to " + path, post(path, "application/x-www-form-urlencoded",
                        "update=" + Http.encode(u)), clientError()));
                out.add(new Case("update", "application/sparql-update to " + path, post(path, "application/sparql-update", u),
                        clientError()));
            }
            out.add(new Case("update", "GET ?update= on " + path, get(path + "?update=" + Http.encode(ups[i % ups.length]), "*/*"),
                    clientError()));
        }
        String[] targets = {"/mevo/get?default", "/mevo/get?graph=urn:hostile:g", "/mevo/data?default",
            "/mevo/data?graph=urn:hostile:g", "/mevo?default", "/mevo/sparql?graph=urn:hostile:g", "/mevo/get"};
        String[][] payloads = {{"text/turtle", "<urn:hostile:x> <urn:hostile:y> <urn:hostile:z> ."},
            {"application/n-triples", "<urn:hostile:x> <urn:hostile:y> \"z\" ."},
            {"application/ld+json", "{\"@id\":\"urn:hostile:x\",\"urn:hostile:y\":\"z\"}"},
            {"application/rdf+xml", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>"}};
        for (String method : new String[] {"PUT", "POST", "DELETE", "PATCH"}) {
            for (String t : targets) {
                String[] p = payloads[r.nextInt(payloads.length)];
                HttpRequest.BodyPublisher body = method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(p[1]);
                HttpRequest.Builder b = req(t).method(method, body);
                if (!method.equals("DELETE")) b.header("Content-Type", p[0]);
                out.add(new Case("graph-store write", method + " " + t + (method.equals("DELETE") ? "" : " (" + p[0] + ")"),
                        b.build(), clientError()));
            }
        }
        return out;
    }

    List<Case> contentTypes(Random r) {
        List<Case> out = new ArrayList<>();
        String q = "ASK { ?s ?p ?o }";
        String[][] bad = {
            {"text/plain", q}, {"application/json", "{\"query\":\"" + q + "\"}"}, {"application/xml", "<query>" + q + "</query>"},
            {"application/octet-stream", "\u0000\u0001\u00ff" + q}, {"multipart/form-data; boundary=XYZ",
                "--XYZ\r\nContent-Disposition: form-data; name=\"query\"\r\n\r\n" + q + "\r\n--XY"},
            {"multipart/form-data", "garbage"}, {"multipart/mixed; boundary=\"\"", "--\r\n\r\n"}, {";;;===", q},
            {"application/sparql-results+json", "{}"}, {"text/turtle", "<a> <b> <c> ."}, {"image/png", "\u0089PNG"},
            {"application/x-www-form-urlencoded-junk", "query=" + Http.encode(q)}, {"application/sparql-query; charset=klingon", q},
            {"application/x-www-form-urlencoded; charset=klingon", "query=" + Http.encode(q)},
            {"application/x-www-form-urlencoded", "query=ASK%ZZ%7B%7D"}, {"application/x-www-form-urlencoded", "query=ASK%C3%28%7B%7D"},
            {"application/x-www-form-urlencoded", "query=%"}, {"application/x-www-form-urlencoded", "quer%y=ASK"},
            {"application/x-www-form-urlencoded", "=&=&&query"}, {"application/x-www-form-urlencoded", "nothing=here"},
            {"application/x-www-form-urlencoded", "query=" + Http.encode(q) + "&query=" + Http.encode(q)},
            {"application/x-www-form-urlencoded", "query=" + Http.encode(q) + "&timeout=x&default-graph-uri=%zz"},
        };
        String[] paths = {"/mevo/sparql", "/mevo", "/mevo/query"};
        for (int i = 0; i < bad.length * 2; i++) {
            String[] b = bad[i % bad.length];
            String path = paths[r.nextInt(paths.length)];
            out.add(new Case("bad content type", "POST " + b[0] + " to " + path + " #" + i, post(path, b[0], b[1]), clientError()));
        }
        return out;
    }

    List<Case> accepts(Random r) {
        List<Case> out = new ArrayList<>();
        String[] queries = {"ASK { ?s ?p ?o }", "SELECT ?s WHERE { ?s ?p ?o } LIMIT 2",
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2", "DESCRIBE <https://w3id.org/mevo/MEVO_0000102>"};
        for (int i = 0; i < 8; i++) { // 64 KB of junk
            String a = randomWord(r, 64 << 10);
            out.add(new Case("Accept header", "64 KB junk Accept #" + i,
                    get("/mevo/sparql?query=" + Http.encode(queries[i % queries.length]), a), servedOrRefused()));
        }
        for (int i = 0; i < 8; i++) { // thousands of media types with q-values
            StringBuilder a = new StringBuilder();
            int n = 1000 + r.nextInt(3000);
            for (int k = 0; k < n; k++) a.append("application/x-").append(randomWord(r, 6)).append(";q=0.").append(1 + r.nextInt(9)).append(',');
            a.append(i % 2 == 0 ? "application/sparql-results+json" : "*/*;q=0.001");
            out.add(new Case("Accept header", n + " media types #" + i,
                    get("/mevo/sparql?query=" + Http.encode(queries[i % queries.length]), a.toString()), servedOrRefused()));
        }
        for (int i = 0; i < 2; i++) // beyond Jetty's 512 KB request-header limit
            out.add(new Case("Accept header", "600 KB Accept #" + i,
                    get("/mevo/sparql?query=" + Http.encode(queries[i]), "text/html," + "x".repeat(600 << 10)), status(431)));
        String[] odd = {"application/x-nonsense", "foo/bar", "*/x", "text/*;q=abc", ";;;,,,/*/*", "image/png", "application/pdf",
            "*;q=1", "application/sparql-results+json;q=0", "text/turtle;q=-1, */*;q=2"};
        for (int i = 0; i < odd.length * 2; i++) {
            String q = queries[i % queries.length];
            // unknown or unsatisfiable Accept: a sensible default format (200) or 406, never a 5xx
            out.add(new Case("Accept header", "Accept: " + odd[i % odd.length] + " for " + q.split(" ")[0],
                    get("/mevo/sparql?query=" + Http.encode(q), odd[i % odd.length]), status(200, 406)));
        }
        return out;
    }

    List<Case> pathsAndMethods(Random r) {
        List<Case> out = new ArrayList<>();
        String[] pieces = {"%2e%2e", "..", "%2f", "%00", ";", "%3b", "%5c", "~", "%25", "%ff", "%c0%af", "$", "ui", "mevo",
            "%20", "WEB-INF", "META-INF", ".git", "%2e", "a", "index.html", "x=y", "%0d%0a", "download", "@"};
        for (int i = 0; i < 80; i++) {
            StringBuilder p = new StringBuilder("/hx-" + randomWord(r, 4));
            for (int k = 0, m = 1 + r.nextInt(6); k < m; k++) p.append('/').append(pieces[r.nextInt(pieces.length)]);
            p.append("/zz-").append(randomWord(r, 1 + r.nextInt(200))); // never resolves to an existing resource
            out.add(new Case("garbage path / method", "GET " + p, get(p.toString(), "*/*"), clientError()));
        }
        String[] known = {"/mevo/sparql?query=" + Http.encode("ASK {}"), "/mevo/get?default", "/void", "/MEVO_0000102",
            "/download/mevo.owl", "/", "/index.html", "/ui/", "/$/server", "/$/ping", "/$/datasets/mevo"};
        for (String method : new String[] {"TRACE", "PATCH", "PROPFIND", "MKCOL", "FOO", "LOCK"}) {
            // TRACE and PATCH are HTTP methods the server knows but does not allow here (405); WebDAV and made-up
            // methods it does not implement at all: 501 Not Implemented is the standard answer for those
            Expect refused = method.equals("TRACE") || method.equals("PATCH") ? clientError() : status(405, 501);
            for (String k : known)
                out.add(new Case("garbage path / method", method + " " + k, req(k).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                        refused));
        }
        for (String k : new String[] {"/$/datasets?dbName=hx&dbType=mem", "/$/compact/mevo", "/$/backup/mevo",
            "/$/server/shutdown", "/$/tasks", "/void", "/MEVO_0000102", "/download/mevo.owl", "/$/datasets/mevo"}) {
            out.add(new Case("garbage path / method", "POST " + k, post(k, "application/x-www-form-urlencoded", "x=y"), clientError()));
            out.add(new Case("garbage path / method", "DELETE " + k, req(k).DELETE().build(), clientError()));
        }
        return out;
    }

    /** Requests no java.net.http client would send: written byte for byte to a socket. */
    List<Case> rawRequests() {
        String ask = "/mevo/sparql?query=ASK%7B%7D";
        String[][] raws = {
            {"bad percent-encoding in query string", "GET /mevo/sparql?query=ASK%ZZ HTTP/1.1\r\nHost: x\r\n\r\n"},
            {"bad UTF-8 in query string", "GET /mevo/sparql?query=%C3%28 HTTP/1.1\r\nHost: x\r\n\r\n"},
            {"bad percent-encoding in GSP graph", "GET /mevo/get?graph=%ZZ HTTP/1.1\r\nHost: x\r\n\r\n"},
            {"bad percent-encoding with body", "POST /mevo/sparql?x=%ZZ HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 6\r\n\r\nASK {}"},
            {"not HTTP", "GARBAGE\r\n\r\n"},
            {"binary", "\u0000\u0001\u0002\u0003\r\n\r\n"},
            {"header without colon", "GET / HTTP/1.1\r\nHost: x\r\nBadHeader\r\n\r\n"},
            {"NUL in path", "GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n"},
            {"no Host", "GET " + ask + " HTTP/1.1\r\n\r\n"},
            {"two Hosts", "GET " + ask + " HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n"},
            {"negative Content-Length", "POST /mevo/sparql HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"},
            {"Content-Length and chunked", "POST /mevo/sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
            {"broken chunked body", "POST /mevo/sparql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/sparql-query\r\n\r\nZZ\r\nxx\r\n0\r\n\r\n"},
            {"body shorter than Content-Length", "POST /mevo/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 1000\r\n\r\nASK {}"},
            {"form body shorter than Content-Length", "POST /mevo/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nquery=ASK"},
            {"dot segments", "GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n"},
            {"absolute-form to another host", "GET http://127.0.0.2:9/ HTTP/1.1\r\nHost: x\r\n\r\n"},
            {"obsolete line folding", "GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n b\r\n\r\n"},
            {"bad byte in method", "G\u00ffT / HTTP/1.1\r\nHost: x\r\n\r\n"},
            {"space in path", "GET /mevo sparql HTTP/1.1\r\nHost: x\r\n\r\n"},
            {"CONNECT", "CONNECT 127.0.0.2:9 HTTP/1.1\r\nHost: 127.0.0.2:9\r\n\r\n"},
            {"overlong method", "X".repeat(10_000) + " / HTTP/1.1\r\nHost: x\r\n\r\n"},
            {"20000 headers", "GET " + ask + " HTTP/1.1\r\nHost: x\r\n" + "X-A: b\r\n".repeat(80_000) + "\r\n"},
        };
        List<Case> out = new ArrayList<>();
        for (String[] r : raws)
            out.add(new Case("raw HTTP", r[0], null, r[1].getBytes(StandardCharsets.ISO_8859_1),
                    r[0].equals("CONNECT") || r[0].equals("overlong method") ? status(400, 405, 501) : clientError(), 0));
        out.add(new Case("raw HTTP", "unknown HTTP version (505 is the right answer)", null,
                "GET / HTTP/9.9\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), status(505, 400), 0));
        return out;
    }

    Case normal(int i) {
        return new Case("normal query", NORMAL_QUERY + " #" + i, query(NORMAL_QUERY, i),
                status(200).and(bodyHas("true")));
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void hostileRequestsGetTheirProperAnswersAndTheServerStaysHealthy() throws Exception {
        long start = System.nanoTime();
        assertEquals(200, run(normal(-1)).status(), "the server answers before the test");
        long quadsBefore = countQuads();
        long heapBefore = usedHeapAfterGc();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

        Random r = new Random(SEED);
        List<Source> sources = sources();
        assertTrue(sources.size() >= 10, "real queries to corrupt in " + TestKb.layout().queriesDir());
        List<Case> hostile = new ArrayList<>();
        hostile.addAll(syntaxErrors(r, sources, 160));
        hostile.addAll(unknownPrefixes(r, sources, 60));
        hostile.addAll(oversized(r));
        hostile.addAll(services(r));
        hostile.addAll(updates(r));
        hostile.addAll(contentTypes(r));
        hostile.addAll(accepts(r));
        hostile.addAll(pathsAndMethods(r));
        hostile.addAll(rawRequests());
        Collections.shuffle(hostile, r);
        List<Case> slow = timeouts();
        assertTrue(hostile.size() + slow.size() >= MIN_HOSTILE, "at least " + MIN_HOSTILE + " hostile requests: " + hostile.size());

        // a normal query after every NORMAL_EVERY hostile ones
        List<Case> sequence = new ArrayList<>();
        for (int i = 0; i < hostile.size(); i++) {
            sequence.add(hostile.get(i));
            if ((i + 1) % NORMAL_EVERY == 0) sequence.add(normal(i));
        }
        sequence.add(normal(hostile.size()));
        hostile = null;

        // the queries that run into the timeout go first, side by side, while the rest keeps the pool busy
        ExecutorService slowPool = Executors.newFixedThreadPool(slow.size());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Outcome>> futures = new ArrayList<>();
        try {
            for (Case c : slow) futures.add(slowPool.submit(() -> run(c)));
            for (Case c : sequence) futures.add(pool.submit(() -> run(c)));
            slow = null;
            sequence = null;
            pool.shutdown();
            slowPool.shutdown();
            assertTrue(pool.awaitTermination(OVERALL_TIMEOUT_S, TimeUnit.SECONDS), "hostile requests finished within "
                    + OVERALL_TIMEOUT_S + " s");
            assertTrue(slowPool.awaitTermination(60, TimeUnit.SECONDS), "timed-out queries answered");
        } finally {
            pool.shutdownNow();
            slowPool.shutdownNow();
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : futures) outcomes.add(f.get());
        futures = null;

        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        printSummary(outcomes, seconds);
        List<String> failures = new ArrayList<>();
        for (Outcome o : outcomes)
            if (o.failure() != null)
                failures.add("[" + o.c().category() + "] " + o.c().what() + ": " + o.failure() + " (HTTP " + o.status() + ", "
                        + o.millis() + " ms) " + o.body().replace('\n', ' '));
        long hostileCount = outcomes.stream().filter(o -> !o.c().category().equals("normal query")).count();
        long normals = outcomes.size() - hostileCount;
        outcomes = null;

        // after the storm: the server still answers, nothing was written, memory and threads are back to normal
        assertEquals(200, run(normal(-2)).status(), "the server answers after the test");
        long quadsAfter = countQuads();
        Thread.sleep(2_000); // let the timed-out queries' worker threads end
        long heapAfter = usedHeapAfterGc();
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        System.out.printf("hostile requests: %d, normal queries: %d, %d s; heap after GC %d MB -> %d MB (%+d MB, bound %d MB);"
                        + " threads %d -> %d; quads %d -> %d%n", hostileCount, normals, seconds, heapBefore >> 20, heapAfter >> 20,
                (heapAfter - heapBefore) >> 20, MAX_HEAP_GROWTH >> 20, threadsBefore, threadsAfter, quadsBefore, quadsAfter);

        assertTrue(failures.isEmpty(), failures.size() + " hostile requests got the wrong answer:\n" + String.join("\n", failures));
        assertTrue(hostileCount >= MIN_HOSTILE, "hostile requests sent: " + hostileCount);
        assertEquals(quadsBefore, quadsAfter, "no hostile request changed the data");
        assertFalse(Http.get(base + "/mevo/sparql?query=" + Http.encode("ASK { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?s), \"urn:hostile\") || STRSTARTS(STR(?g), \"urn:hostile\")) }"),
                "application/sparql-results+json").body().replace(" ", "").contains("\"boolean\":true"), "nothing written");
        assertTrue(heapAfter - heapBefore < MAX_HEAP_GROWTH, "retained heap grew by " + ((heapAfter - heapBefore) >> 20)
                + " MB, more than " + (MAX_HEAP_GROWTH >> 20) + " MB");
        assertTrue(threadsAfter - threadsBefore < MAX_THREAD_GROWTH, "threads " + threadsBefore + " -> " + threadsAfter);
    }

    /** The production configuration stays strict: only the two public endpoints, no loopback stand-in. */
    @Test
    void productionServiceAllowListNamesOnlyThePublicEndpoints() throws IOException {
        String config = Files.readString(TestKb.layout().fusekiConfig());
        Matcher m = Pattern.compile("\"mevo:serviceAllowList\"\\s*;\\s*ja:cxtValue\\s*\"([^\"]*)\"").matcher(config);
        assertTrue(m.find(), "fuseki-config sets mevo:serviceAllowList");
        assertEquals(PRODUCTION_SERVICES, List.of(m.group(1).trim().split("\\s+")));
        assertFalse(config.contains("127.0.0.1") || config.contains("localhost"), "no loopback address in the production config");
    }

    private long countQuads() {
        var r = Http.get(base + "/mevo/sparql?query=" + Http.encode("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"), "text/csv");
        assertEquals(200, r.statusCode(), r.body());
        return Long.parseLong(r.body().split("\r?\n")[1].trim());
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        var mem = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static void printSummary(List<Outcome> outcomes, long seconds) {
        Map<String, List<Outcome>> byCategory = new TreeMap<>();
        for (Outcome o : outcomes) byCategory.computeIfAbsent(o.c().category(), k -> new ArrayList<>()).add(o);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%n%-24s %8s %8s %9s  %s%n", "category", "requests", "wrong", "max ms", "status codes seen"));
        for (var e : byCategory.entrySet()) {
            Map<Integer, Integer> codes = new TreeMap<>();
            long max = 0, wrong = 0;
            for (Outcome o : e.getValue()) {
                codes.merge(o.status(), 1, Integer::sum);
                max = Math.max(max, o.millis());
                if (o.failure() != null) wrong++;
            }
            StringBuilder cs = new StringBuilder();
            codes.forEach((c, n) -> cs.append(c < 0 ? "none" : c).append('x').append(n).append(' '));
            sb.append(String.format("%-24s %8d %8d %9d  %s%n", e.getKey(), e.getValue().size(), wrong, max, cs.toString().trim()));
        }
        sb.append(String.format("%-24s %8d   (%d s)%n", "total", outcomes.size(), seconds));
        System.out.println(sb);
    }
}
