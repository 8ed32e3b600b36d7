package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.support.Await;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.Prerequisites;
import org.w3id.mevo.support.TestKb;

/**
 * The site as a person sees it: headless Chromium, driven through chromedriver with the W3C WebDriver HTTP protocol
 * (plain java.net.http + Jena's JSON, no Selenium), against the real test server. Landing page → query page → pick an
 * example → run it → results table; and an entity page with its claims' PubMed links (checked, never followed).
 * Prerequisite: tools/test-setup.sh (installs chromium and chromium-driver). All waits are bounded.
 */
@Tag("system")
class BrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Process driver;
    private static List<ProcessHandle> driverChildren = List.of();
    private static Path userDataDir;
    private static String driverUrl;
    private static String session;

    @BeforeAll
    static void startBrowser() throws Exception {
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER))
            Prerequisites.require(Files.isExecutable(p), p.toString(), "run `bash tools/test-setup.sh` (as root) to install chromium and chromium-driver");
        String base = TestKb.baseUrl(); // build + start the KB before the browser, so its start-up time is not charged to browser waits
        Path dir = TestKb.layout().root().resolve("target").resolve("browser");
        Files.createDirectories(dir);
        userDataDir = Files.createTempDirectory(dir, "chromium-profile-");
        int port = Http.freePort();
        driverUrl = "http://127.0.0.1:" + port;
        driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromedriver.log").toFile()).start();
        Await.until("chromedriver /status ready on port " + port, WAIT, () -> {
            if (!driver.isAlive()) fail("chromedriver exited with " + driver.exitValue() + "; see target/browser/chromedriver.log");
            try {
                JsonObject st = JSON.parse(http("GET", "/status", null).body());
                return st.get("value").getAsObject().get("ready").getAsBoolean().value() ? Boolean.TRUE : null;
            } catch (RuntimeException e) {
                return null; // not listening yet
            }
        });

        JsonArray args = new JsonArray();
        for (String a : List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,1000", "--user-data-dir=" + userDataDir))
            args.add(a);
        JsonObject chrome = new JsonObject();
        chrome.put("binary", CHROMIUM.toString());
        chrome.put("args", args);
        JsonObject always = new JsonObject();
        always.put("browserName", "chrome");
        always.put("goog:chromeOptions", chrome);
        JsonObject caps = new JsonObject();
        caps.put("alwaysMatch", always);
        JsonObject body = new JsonObject();
        body.put("capabilities", caps);
        session = wd("POST", "/session", body).getAsObject().get("sessionId").getAsString().value();
        driverChildren = driver.descendants().toList();

        JsonObject timeouts = new JsonObject();
        timeouts.put("pageLoad", 30_000L);
        timeouts.put("script", 10_000L);
        timeouts.put("implicit", 0L);
        cmd("POST", "/timeouts", timeouts);
        assertTrue(base.startsWith("http://127.0.0.1:"), base);
    }

    @AfterAll
    static void stopBrowser() {
        if (session != null) {
            try {
                http("DELETE", "/session/" + session, null);
            } catch (RuntimeException e) {
                System.err.println("[BrowserTest] could not delete the WebDriver session: " + e.getMessage());
            }
            session = null;
        }
        if (driver != null) {
            List<ProcessHandle> all = new ArrayList<>(driverChildren);
            all.addAll(driver.descendants().toList());
            driver.destroy();
            try {
                if (!driver.waitFor(5, TimeUnit.SECONDS)) driver.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            all.forEach(p -> { if (p.isAlive()) p.destroyForcibly(); });
            driver = null;
        }
        if (userDataDir != null) {
            try (Stream<Path> s = Files.walk(userDataDir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | RuntimeException e) {
                // a leftover profile under target/ is harmless
            }
        }
    }

    @Test
    void landingPageLeadsToTheQueryPageWhichRunsAnExampleQuestion() throws Exception {
        navigate(TestKb.baseUrl() + "/");
        assertEquals("MEVO - MSC Extracellular Vesicle Ontology", cmd("GET", "/title", null).getAsString().value());
        assertEquals("MEVO", text(find("header h1")));
        assertTrue(attribute(find("#link-query"), "href").endsWith("/editor.html"), "landing page links the query editor");
        String link = find("#link-plain-query");
        assertTrue(attribute(link, "href").endsWith("/query.html"), "landing page links the plain query page: " + attribute(link, "href"));

        click(link);
        Await.until("the query page to open", WAIT, () -> url().endsWith("/query.html") ? Boolean.TRUE : null);
        String fileText = pickExample("ev-subtype-sizes");
        String query = Await.until("choosing the example to fill the query box", WAIT, () -> {
            String v = property(find("#query"), "value");
            return v.contains("mevo:0000022") ? v : null;
        });
        assertEquals(fileText.strip(), query.strip(), "the query box holds the example's text");
        assertTrue(text(find("#question")).startsWith("Which extracellular vesicle subtypes"), "the example's question is shown");

        click(find("#run"));
        int rows = Await.until("result rows in #result-table (or an error)", WAIT, () -> {
            String err = text(find("#error"));
            if (!err.isBlank()) fail("the query page reports an error: " + err);
            int n = findAll("#result-table tr.result-row").size();
            return n > 0 ? n : null;
        });

        var http = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode(query), "application/sparql-results+json");
        assertEquals(200, http.statusCode(), http.body());
        int expected = JSON.parse(http.body()).get("results").getAsObject().get("bindings").getAsArray().size();
        assertEquals(expected, rows, "the page shows as many rows as the endpoint returns");
        assertEquals(expected + " row(s)", text(find("#status")));

        List<String> cells = new ArrayList<>();
        for (String td : findAll("#result-table tr.result-row td")) cells.add(text(td));
        assertTrue(cells.contains("exosome"), "a cell reads 'exosome': " + cells);
        assertTrue(cells.contains("https://w3id.org/mevo/MEVO_0000102"), "IRIs are shown: " + cells);
        String iriLink = find("#result-table tr.result-row a[href='/MEVO_0000102']");
        assertEquals("https://w3id.org/mevo/MEVO_0000102", text(iriLink), "MEVO IRIs link to their local entity page");

        screenshot(TestKb.layout().root().resolve("target").resolve("screenshots").resolve("query-page.png"));
    }

    @Test
    void queryEditorRunsAnExampleFromTheCatalogueAndShowsTheEndpointsRows() throws Exception {
        navigate(TestKb.baseUrl() + "/");
        click(find("#link-query"));
        Await.until("the query editor to open", WAIT, () -> url().endsWith("/editor.html") ? Boolean.TRUE : null);
        assertTrue(Files.isRegularFile(TestKb.layout().root().resolve(org.w3id.mevo.serve.ServeOperation.YASGUI_BUILD).resolve("yasgui.min.js")),
                "YASGUI is installed (./mevo test runs npm ci in tools/site-build)");
        Await.until("YASGUI to start (window.mevoEditor.ready)", WAIT, () -> Boolean.TRUE.equals(script("return !!(window.mevoEditor && window.mevoEditor.ready);")) ? Boolean.TRUE : null);
        assertEquals(TestKb.baseUrl() + "/mevo/sparql", script("return mevoEditor.yasgui.getTab().getEndpoint();"), "the endpoint is this server's");
        String start = (String) script("return mevoEditor.yasgui.getTab().getQuery();");
        assertTrue(start.contains("PREFIX mevo: <https://w3id.org/mevo/MEVO_>") && start.contains("PREFIX GO: <http://purl.obolibrary.org/obo/GO_>"),
                "MEVO's prefixes (ontology/prefixes.tsv) are pre-filled: " + start);
        String fileText = pickExample("ev-subtype-sizes");
        String query = Await.until("choosing the example to fill the editor", WAIT, () -> {
            Object v = script("return mevoEditor.yasgui.getTab().getQuery();");
            return v instanceof String q && q.contains("mevo:0000022") ? q : null;
        });
        assertEquals(fileText.strip(), query.strip(), "the editor holds the example's text");
        assertTrue(text(find(".CodeMirror")).contains("mevo:0000022"), "the text is shown in the editor");
        assertTrue(text(find("#question")).startsWith("Which extracellular vesicle subtypes"), "the example's question is shown");

        click(find(".yasqe_queryButton"));
        List<List<String>> rows = resultRows();
        assertEquals(httpRows(query), rows, "the editor's table holds the endpoint's rows, in its order");
        assertTrue(rows.stream().anyMatch(r -> r.contains("exosome") && r.contains("https://w3id.org/mevo/MEVO_0000102")), "an exosome row: " + rows);
        assertTrue(findAll(".yasr .yasr_downloadIcon").size() == 1, "YASR offers the download (CSV for tables)");
        // sorting: a click on the 'label' column header orders the rows by label
        List<String> labels = new ArrayList<>();
        rows.forEach(r -> labels.add(r.get(1)));
        click(find(".yasr table.dataTable thead th:nth-child(3)"));
        List<String> sorted = new ArrayList<>(labels);
        sorted.sort(String.CASE_INSENSITIVE_ORDER);
        List<String> after = Await.until("the table to sort by label", WAIT, () -> {
            List<String> now = new ArrayList<>();
            resultRowsNow().forEach(r -> now.add(r.get(1)));
            return now.equals(sorted) ? now : null;
        });
        assertEquals(sorted, after);

        // completion of MEVO terms by label: typing 'exoso' in the editor offers exosome's IRI
        script("const cm = mevoEditor.yasgui.getTab().getYasqe(); cm.setValue('SELECT * WHERE { ?x a '); cm.focus(); cm.setCursor(cm.lineCount(), 0);");
        sendKeys(find(".CodeMirror textarea"), "exoso");
        String hint = Await.until("a completion list naming exosome", WAIT, () -> {
            for (String li : findAll(".CodeMirror-hints li")) if (text(li).startsWith("exosome (class)")) return text(li);
            return null;
        });
        assertTrue(hint.endsWith("mevo:0000102"), "the hint gives exosome's IRI: " + hint);
        assertTrue(!((String) script("return mevoEditor.yasgui.getTab().getQuery();")).contains("PREFIX"), "nothing is added before a hint is picked");
        screenshot(TestKb.layout().root().resolve("target").resolve("screenshots").resolve("editor-completion.png"));
        click(Await.until("the exosome hint", WAIT, () -> {
            for (String li : findAll(".CodeMirror-hints li")) if (text(li).startsWith("exosome (class)")) return li;
            return null;
        }));
        String completed = (String) script("return mevoEditor.yasgui.getTab().getQuery();");
        assertTrue(completed.contains("?x a mevo:0000102") && completed.contains("PREFIX mevo: <https://w3id.org/mevo/MEVO_>"),
                "the hint puts the IRI in and declares the prefix: " + completed);
    }

    @Test
    void aSharedQueryLinkOpensTheQueryInTheEditorAndRunsIt() throws Exception {
        String query = Files.readString(TestKb.layout().queriesDir().resolve("ev-subtype-sizes.rq"), StandardCharsets.UTF_8);
        navigate(TestKb.baseUrl() + "/editor.html?query=" + Http.encode(query));
        List<List<String>> rows = resultRows();
        assertEquals(query, script("return mevoEditor.yasgui.getTab().getQuery();"), "the editor holds the shared query");
        assertEquals(httpRows(query), rows, "the shared link ran the query: the table holds the endpoint's rows");
        assertEquals(rows.size() + " row(s)", text(find("#status")));
        // the editor's own share link reproduces the query
        click(find("#share"));
        String link = property(find("#share-link"), "value");
        assertTrue(link.startsWith(TestKb.baseUrl() + "/editor.html?query="), link);
        assertEquals(query, java.net.URLDecoder.decode(link.substring(link.indexOf("?query=") + 7), StandardCharsets.UTF_8),
                "the share link carries the query");
        String address = url();
        assertEquals(query, java.net.URLDecoder.decode(address.substring(address.indexOf("?query=") + 7), StandardCharsets.UTF_8),
                "the address bar holds the share link: " + address);
        screenshot(TestKb.layout().root().resolve("target").resolve("screenshots").resolve("editor.png"));
    }

    @Test
    void withoutTheYasguiBundleTheEditorFallsBackToThePlainQueryPage() throws Exception {
        // the same site pages in a project folder without tools/site-build/node_modules: a second server on its own port
        Path project = Files.createTempDirectory(TestKb.layout().root().resolve("target").resolve("browser"), "no-yasgui-");
        Path site = project.resolve("fuseki-config").resolve("site");
        Files.createDirectories(site);
        try (Stream<Path> files = Files.list(TestKb.layout().siteDir())) {
            for (Path f : files.toList()) Files.copy(f, site.resolve(f.getFileName().toString()));
        }
        var server = new org.w3id.mevo.serve.ServeOperation(org.w3id.mevo.core.StepLog.silent()).start(new org.w3id.mevo.serve.ServeOperation.Options(
                TestKb.layout().fusekiConfig(), TestKb.release(), 0, true, site, TestKb.prefixes())).server();
        try {
            String base = "http://127.0.0.1:" + server.getHttpPort();
            assertEquals(404, Http.get(base + "/yasgui/yasgui.min.js", "*/*").statusCode(), "no bundle is served");
            navigate(base + "/editor.html?query=" + Http.encode("SELECT * WHERE { ?s ?p ?o } LIMIT 3"));
            Await.until("the plain query page", WAIT, () -> url().startsWith(base + "/query.html?noeditor=1") ? Boolean.TRUE : null);
            assertTrue(text(find("#notice")).startsWith("The YASGUI query editor is not installed"), text(find("#notice")));
            assertEquals("SELECT * WHERE { ?s ?p ?o } LIMIT 3", property(find("#query"), "value"), "the shared query is kept");
            click(find("#run"));
            int rows = Await.until("result rows", WAIT, () -> { int n = findAll("#result-table tr.result-row").size(); return n > 0 ? n : null; });
            assertEquals(3, rows);
        } finally {
            server.stop();
        }
    }

    /** The rows of the YASR table once a query has answered (status "N row(s)"), each cell as IRI or lexical form. */
    private static List<List<String>> resultRows() {
        Await.until("the editor to report rows (#status)", WAIT, () -> {
            String st = text(find("#status"));
            if (st.equals("error")) fail("the editor reports an error: " + text(find(".yasr")));
            return st.endsWith("row(s)") ? st : null;
        });
        return resultRowsNow();
    }

    /** Each table cell (row number column left out): the link's IRI for an IRI, else the literal's lexical form. */
    @SuppressWarnings("unchecked")
    private static List<List<String>> resultRowsNow() {
        Object rows = script("""
                return Array.from(document.querySelectorAll('.yasr table.dataTable tbody tr')).map(tr =>
                  Array.from(tr.querySelectorAll('td')).slice(1).map(td => {
                    const span = td.querySelector('div > span');
                    if (!span) return '';
                    const a = span.querySelector(':scope > a.iri');
                    if (a) return a.getAttribute('href');
                    const t = span.firstChild ? span.firstChild.textContent : '';
                    return span.querySelector('sup') && t.startsWith('"') && t.endsWith('"') ? t.substring(1, t.length - 1) : span.textContent;
                  }));""");
        List<List<String>> out = new ArrayList<>();
        for (Object r : (List<Object>) rows) out.add(new ArrayList<>((List<String>) (List<?>) r));
        return out;
    }

    /** The same query over HTTP (SPARQL JSON results): each row's values in the order of the head's variables. */
    private static List<List<String>> httpRows(String query) {
        var http = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode(query), "application/sparql-results+json");
        assertEquals(200, http.statusCode(), http.body());
        JsonObject json = JSON.parse(http.body());
        List<String> vars = new ArrayList<>();
        json.get("head").getAsObject().get("vars").getAsArray().forEach(v -> vars.add(v.getAsString().value()));
        List<List<String>> out = new ArrayList<>();
        json.get("results").getAsObject().get("bindings").getAsArray().forEach(b -> {
            List<String> row = new ArrayList<>();
            for (String v : vars) row.add(b.getAsObject().hasKey(v) ? value(b.getAsObject(), v) : "");
            out.add(row);
        });
        assertTrue(!out.isEmpty(), "the query has rows: " + query);
        return out;
    }

    @Test
    void entityPageShowsItsTitleAndTheClaimsMentioningItWithPubMedLinks() {
        // a MEVO term used by a claim whose study has a PubMed link (as in SiteTest)
        var r = Http.get(TestKb.sparqlUrl() + "?query=" + Http.encode("""
                PREFIX mevo: <https://w3id.org/mevo/MEVO_>
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                SELECT ?term ?label ?claim ?link WHERE {
                  GRAPH <https://w3id.org/mevo/graph/flat> { ?claim mevo:0000038 ?term }
                  FILTER(STRSTARTS(STR(?term), "https://w3id.org/mevo/MEVO_"))
                  ?term rdfs:label ?label .
                  ?claim mevo:0000043 ?study . ?study rdfs:seeAlso ?link FILTER(STRSTARTS(STR(?link), "https://pubmed.ncbi.nlm.nih.gov/"))
                } ORDER BY ?term ?label ?claim ?link LIMIT 1"""), "application/sparql-results+json");
        assertEquals(200, r.statusCode(), r.body());
        JsonArray bindings = JSON.parse(r.body()).get("results").getAsObject().get("bindings").getAsArray();
        assertTrue(bindings.size() == 1, "a term mentioned by a claim with a PubMed link: " + r.body());
        JsonObject b = bindings.get(0).getAsObject();
        String term = value(b, "term"), label = value(b, "label"), claim = value(b, "claim"), link = value(b, "link");
        String base = "https://w3id.org/mevo/";

        navigate(TestKb.baseUrl() + "/" + term.substring(base.length()));
        assertEquals(label, text(find("h1#title")));
        String claimLink = find("table#mentions a[href='/" + claim.substring(base.length()) + "']");
        assertTrue(text(claimLink).contains(claim.substring(base.length()).replace('_', ':')), "the claim is listed: " + text(claimLink));
        List<String> hrefs = new ArrayList<>();
        for (String a : findAll("table#mentions a.source-link")) hrefs.add(attribute(a, "href")); // read, never followed
        assertTrue(hrefs.stream().anyMatch(h -> h.startsWith("https://pubmed.ncbi.nlm.nih.gov/")), "PubMed source links: " + hrefs);
        assertTrue(hrefs.contains(link), "links the study's PubMed record " + link + ": " + hrefs);
    }

    // ---- WebDriver commands ----

    private static void navigate(String url) {
        assertTrue(url.startsWith("http://127.0.0.1:"), "the browser only visits the local test server: " + url);
        JsonObject body = new JsonObject();
        body.put("url", url);
        cmd("POST", "/url", body);
    }

    private static String url() { return cmd("GET", "/url", null).getAsString().value(); }

    private static String find(String css) {
        return cmd("POST", "/element", locator(css)).getAsObject().get(ELEMENT).getAsString().value();
    }

    private static List<String> findAll(String css) {
        List<String> ids = new ArrayList<>();
        cmd("POST", "/elements", locator(css)).getAsArray().forEach(e -> ids.add(e.getAsObject().get(ELEMENT).getAsString().value()));
        return ids;
    }

    private static JsonObject locator(String css) {
        JsonObject o = new JsonObject();
        o.put("using", "css selector");
        o.put("value", css);
        return o;
    }

    private static void sendKeys(String element, String keys) {
        JsonObject body = new JsonObject();
        body.put("text", keys);
        cmd("POST", "/element/" + element + "/value", body);
    }

    /** Runs JavaScript in the page (WebDriver Execute Script); returns its value as String, Boolean, Long, List or null. */
    private static Object script(String js) {
        JsonObject body = new JsonObject();
        body.put("script", js);
        body.put("args", new JsonArray());
        return plain(cmd("POST", "/execute/sync", body));
    }

    private static Object plain(JsonValue v) {
        if (v == null || v.isNull()) return null;
        if (v.isString()) return v.getAsString().value();
        if (v.isBoolean()) return v.getAsBoolean().value();
        if (v.isNumber()) return v.getAsNumber().value().longValue();
        if (v.isArray()) { List<Object> l = new ArrayList<>(); v.getAsArray().forEach(x -> l.add(plain(x))); return l; }
        return v.toString();
    }

    private static void click(String element) { cmd("POST", "/element/" + element + "/click", new JsonObject()); }

    private static String text(String element) { return cmd("GET", "/element/" + element + "/text", null).getAsString().value(); }

    private static String attribute(String element, String name) {
        JsonValue v = cmd("GET", "/element/" + element + "/attribute/" + name, null);
        return v.isNull() ? "" : v.getAsString().value();
    }

    private static String property(String element, String name) {
        JsonValue v = cmd("GET", "/element/" + element + "/property/" + name, null);
        return v.isNull() ? "" : v.getAsString().value();
    }

    private static void screenshot(Path file) throws IOException {
        byte[] png = Base64.getDecoder().decode(cmd("GET", "/screenshot", null).getAsString().value());
        Files.createDirectories(file.getParent());
        Files.write(file, png);
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG screenshot");
    }

    /** A command on the current session; returns its "value". */
    private static JsonValue cmd(String method, String path, JsonObject body) {
        assertTrue(session != null, "no WebDriver session");
        return wd(method, "/session/" + session + path, body);
    }

    /** A WebDriver request; returns the response's "value", failing with the driver's error message. */
    private static JsonValue wd(String method, String path, JsonObject body) {
        HttpResponse<String> r = http(method, path, body);
        JsonObject json;
        try {
            json = JSON.parse(r.body());
        } catch (RuntimeException e) {
            throw new AssertionError(method + " " + path + ": HTTP " + r.statusCode() + ", not JSON: " + r.body(), e);
        }
        JsonValue value = json.get("value");
        if (r.statusCode() != 200) {
            String err = value != null && value.isObject() && value.getAsObject().hasKey("error")
                    ? value.getAsObject().get("error").getAsString().value() + ": " + value.getAsObject().get("message").getAsString().value()
                    : r.body();
            throw new AssertionError("WebDriver " + method + " " + path + " failed (HTTP " + r.statusCode() + "): " + err);
        }
        return value;
    }

    private static HttpResponse<String> http(String method, String path, JsonObject body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(driverUrl + path)).timeout(REQUEST_TIMEOUT);
        if (body == null) b.method(method, HttpRequest.BodyPublishers.noBody());
        else b.header("Content-Type", "application/json; charset=utf-8")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.toStringFlat(body), StandardCharsets.UTF_8));
        return Http.send(b.build());
    }

    private static String value(JsonObject binding, String var) {
        return binding.get(var).getAsObject().get("value").getAsString().value();
    }

    /** Waits for the page's example picker (#examples, filled from the endpoint), picks one; returns its file's text. */
    private String pickExample(String name) throws Exception {
        int options = Await.until("#examples to be filled from the endpoint (> 30 options)", WAIT, () -> {
            int n = findAll("#examples option").size();
            return n > 30 ? n : null;
        });
        assertTrue(options > 30, "options: " + options);
        click(find("#examples option[value='" + name + "']"));
        return Files.readString(TestKb.layout().queriesDir().resolve(name + ".rq"), StandardCharsets.UTF_8);
    }
}
