package org.w3id.mevo.serve;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.mod.admin.ActionServerStatus;
import org.apache.jena.fuseki.server.DataAccessPoint;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.system.Txn;
import org.eclipse.jetty.http.BadMessageException;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.publish.Release;

/**
 * Serve: a Fuseki server whose services and datasets come from the assembler file in {@code fuseki-config/};
 * the published release is loaded into each dataset that starts empty. Fuseki's own web UI is served at /.
 */
public final class ServeOperation {

    /** @param port 0 picks a free port */
    /**
     * @param siteDir static pages (landing page, query page) served at /; Fuseki's UI goes under /ui/
     * @param prefixes CURIE prefixes for entity pages
     * @param extraServiceAllowList SERVICE endpoints admitted in addition to the config file's mevo:serviceAllowList
     *                              (see {@link CappedQueryProcessor}); empty except in tests, which admit their
     *                              loopback stand-ins for remote endpoints here rather than in the production config
     * @param resultCache whether the query-result cache sized in the config file is used (see {@link ResultCache})
     */
    public record Options(Path configFile, Path releaseDir, int port, boolean localhostOnly, Path siteDir,
                          org.w3id.mevo.core.Prefixes prefixes, List<String> extraServiceAllowList, boolean resultCache) {
        public Options {
            extraServiceAllowList = List.copyOf(extraServiceAllowList);
        }

        public Options(Path configFile, Path releaseDir, int port, boolean localhostOnly, Path siteDir,
                       org.w3id.mevo.core.Prefixes prefixes) {
            this(configFile, releaseDir, port, localhostOnly, siteDir, prefixes, List.of(), true);
        }

        /** The same server without the query-result cache (the benchmarks measure query execution this way). */
        public Options withoutResultCache() {
            return new Options(configFile, releaseDir, port, localhostOnly, siteDir, prefixes, extraServiceAllowList, false);
        }
    }

    /** Result rows a SELECT may return when fuseki-config sets no mevo:resultCap. */
    public static final long DEFAULT_RESULT_CAP = 10_000;

    private final StepLog log;

    public ServeOperation(StepLog log) { this.log = log; }

    public FusekiServer start(Options o) {
        if (!Release.exists(o.releaseDir()))
            throw new MevoException(o.releaseDir() + ": no published release to serve; the build must succeed first");
        var step = log.start("serve");
        String fingerprint = Release.fingerprint(o.releaseDir());
        Readiness readiness = new Readiness(() -> fingerprint);
        FusekiServer.Builder b = builder(o, readiness).parseConfigFile(o.configFile());
        DatasetGraph[] served = new DatasetGraph[1];
        b.addFilter("/*", siteFilter(o, () -> served[0]));
        FusekiServer server = b.build();
        JettySettings.apply(server, o.configFile());
        Loaded loaded = loadRelease(server, o.releaseDir());
        served[0] = loaded.first();
        readiness.ready();
        server.start();
        step.done("port=" + server.getHttpPort() + " datasets=" + loaded.datasets() + " quads=" + loaded.quads());
        return server;
    }

    /**
     * Persistent mode: the dataset is a TDB2 database (with its Lucene text index) on disk in {@code dataDir},
     * see {@link PersistentStore}. {@code watchSeconds} > 0 reloads when the release's fingerprint changes.
     */
    public record Persistence(Path dataDir, int watchSeconds) {}

    /** A running persistent-mode server and its reload handle. */
    public record PersistentServer(FusekiServer server, LiveDatabase live) {
        public int port() { return server.getHttpPort(); }

        public LiveDatabase.Result reload(boolean force) { return live.reload(force); }

        /** Stops the server, closes its databases and releases the data folder. */
        public void stop() {
            try {
                server.stop();
            } finally {
                live.close();
            }
        }
    }

    /**
     * Starts a persistent-mode server ({@code o.configFile()} is {@code fuseki-config/mevo-tdb2.ttl}). Serves the
     * database {@code CURRENT} names as it is; deletes every other database folder (incomplete or superseded loads);
     * loads the release first only when there is no complete database. If the served database holds an older release
     * than {@code o.releaseDir()}, it is served at once and the newer release is loaded aside and switched to in the
     * background.
     */
    public PersistentServer startPersistent(Options o, Persistence p) {
        if (!Release.exists(o.releaseDir()))
            throw new MevoException(o.releaseDir() + ": no published release to serve; the build must succeed first");
        var step = log.start("serve");
        PersistentStore store = PersistentStore.open(p.dataDir(), o.configFile());
        try {
            PersistentStore.Database db = store.current().orElse(null);
            List<Path> removed = store.cleanup(db);
            for (Path r : removed) log.info("removed " + r + " (not named by " + PersistentStore.CURRENT + ": incomplete or superseded)");
            String how = "stored";
            if (db == null) {
                PersistentStore.Loaded first = store.loadAside(o.releaseDir());
                PersistentStore.closeDataset(first.dataset()); // Fuseki reopens it from the configuration
                store.publish(first.database());
                db = first.database();
                how = "loaded";
            }
            LiveDatabase live = new LiveDatabase(store, o.releaseDir(),
                    dsg -> siteFilter(o, () -> dsg), log);
            Readiness readiness = new Readiness(() -> live.database().fingerprint());
            FusekiServer.Builder b = builder(o, readiness).parseConfig(store.configFor(db.dir()));
            b.addFilter("/*", live.filter());
            b.addServlet(LiveDatabase.RELOAD_PATH, live.servlet());
            FusekiServer server = b.build();
            JettySettings.apply(server, o.configFile());
            live.attach(server, db);
            readiness.ready();
            server.start();
            step.done("port=" + server.getHttpPort() + " database=" + db.name() + " (" + how + ") quads=" + db.quads()
                    + " data=" + store.dataDir());
            if (!db.fingerprint().equals(Release.fingerprint(o.releaseDir()))) {
                log.info("the stored database holds an older release than " + o.releaseDir() + ": reloading in the background");
                live.reloadSoon();
            }
            if (p.watchSeconds() > 0) live.watch(p.watchSeconds());
            return new PersistentServer(server, live);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The server settings shared by both modes (everything but the datasets). */
    private static FusekiServer.Builder builder(Options o, Readiness readiness) {
        FusekiServer.Builder b = FusekiServer.create()
                .port(o.port())
                .enablePing(true)
                .enableStats(true)
                .enableCors(true, null);
        if (o.localhostOnly()) b.loopback(true);
        b.registerOperation(org.apache.jena.fuseki.server.Operation.Query, new CappedQueryProcessor(DEFAULT_RESULT_CAP, o.extraServiceAllowList()));
        b.addFilter("/*", ServeOperation::rejectMalformedRequests);
        b.addFilter("/*", readiness.header());
        b.addServlet(Readiness.PATH, readiness); // 200 once the release is loaded: load balancers' health check
        Path site = siteFiles(o.siteDir(), o.prefixes());
        b.staticFileBase(site.toString());
        b.addServlet("/$/server", new ActionServerStatus() {
            @Override
            public void validate(org.apache.jena.fuseki.servlets.HttpAction action) {
                // Fuseki's status servlet answers any method; like every other read-only page, only GET/HEAD/POST here
                String m = action.getRequestMethod();
                if (!"GET".equals(m) && !"HEAD".equals(m) && !"POST".equals(m))
                    org.apache.jena.fuseki.servlets.ServletOps.error(405, "HTTP method not allowed: " + m);
                super.validate(action);
            }
        });
        return b;
    }

    /**
     * What is in front of one served dataset: its site pages ({@link SiteFilter}), then its query-result cache
     * ({@link ResultCache}, sized by fuseki-config, off when {@code o.resultCache()} is false), then Fuseki.
     */
    private static jakarta.servlet.Filter siteFilter(Options o, java.util.function.Supplier<DatasetGraph> dataset) {
        SiteFilter site = new SiteFilter(dataset, new EntityPages(o.prefixes(), Release.FLAT),
                o.releaseDir().toAbsolutePath().normalize(), org.w3id.mevo.publish.DescribeOperation.GRAPH,
                o.configFile().toAbsolutePath().normalize().getParent().resolveSibling("ontology")); // the config's project
        ResultCache cache = new ResultCache(o.resultCache() ? ResultCache.Settings.configured(o.configFile()) : ResultCache.Settings.OFF);
        return (request, response, chain) -> site.doFilter(request, response, (rq, rs) -> cache.doFilter(rq, rs, chain));
    }

    /**
     * Malformed requests get a 4xx here, before Fuseki sees them: a bad percent-encoding or invalid UTF-8 in the query
     * string or form body, or an unknown charset in Content-Type, would otherwise surface inside Fuseki's handlers as
     * an unexpected exception and be answered 500.
     */
    static void rejectMalformedRequests(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletResponse resp = (HttpServletResponse) response;
        try {
            request.getContentType();
        } catch (IllegalArgumentException e) { // UnsupportedCharsetException, IllegalCharsetNameException
            plainError(resp, 415, "Unsupported charset in Content-Type: " + e.getMessage());
            return;
        }
        try {
            request.getParameterMap(); // parsed once (query string, and a form body) and kept by Jetty for Fuseki
        } catch (BadMessageException e) {
            plainError(resp, e.getCode() >= 400 && e.getCode() < 500 ? e.getCode() : 400,
                    "Malformed request parameters: " + e.getReason());
            return;
        } catch (IllegalArgumentException e) {
            plainError(resp, 400, "Malformed request parameters: " + e.getMessage());
            return;
        } catch (IllegalStateException e) {
            // a multipart body (no MEVO endpoint takes one): left to Fuseki, which answers 415
        }
        chain.doFilter(request, response);
    }

    private static void plainError(HttpServletResponse resp, int code, String message) throws IOException {
        resp.setStatus(code);
        resp.setHeader("Connection", "close"); // the body of a malformed request may be partly unread
        resp.setContentType("text/plain; charset=utf-8");
        resp.getOutputStream().write((message + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * What {@link #loadRelease} did: the datasets filled, their quads, the load time, and the first dataset.
     * @param loadNanos time spent in the loads alone (not in counting)
     */
    public record Loaded(List<String> datasets, long quads, long loadNanos, DatasetGraph first) {}

    /** Loads the release into every dataset of a built (not yet started) server that starts empty. */
    public static Loaded loadRelease(FusekiServer server, Path releaseDir) {
        long quads = 0, nanos = 0;
        List<String> names = new ArrayList<>();
        DatasetGraph first = null;
        for (DataAccessPoint dap : server.getDataAccessPointRegistry().accessPoints()) {
            DatasetGraph dsg = dap.getDataService().getDataset();
            if (!Txn.calculateRead(dsg, dsg::isEmpty)) continue;
            long t0 = System.nanoTime();
            Release.loadInto(DatasetFactory.wrap(dsg), releaseDir);
            nanos += System.nanoTime() - t0;
            quads += Txn.calculateRead(dsg, () -> countQuads(dsg));
            names.add(dap.getName());
            if (first == null) first = dsg;
        }
        return new Loaded(names, quads, nanos, first);
    }

    /** Quads in the named graphs: what the release holds (a copy of their union as the default graph is not counted). */
    private static long countQuads(DatasetGraph dsg) {
        long n = 0;
        var it = dsg.findNG(null, null, null, null);
        while (it.hasNext()) { it.next(); n++; }
        return n;
    }

    /** Where {@code npm ci} in tools/site-build puts YASGUI's prebuilt bundle, relative to the project root. */
    public static final String YASGUI_BUILD = "tools/site-build/node_modules/@zazuko/yasgui/build";

    static Path siteFiles(Path siteDir) { return siteFiles(siteDir, null); }

    /**
     * The static site: MEVO's pages from fuseki-config/site at /, Fuseki's UI at /ui/ (unpacked into a temp folder),
     * the query editor's YASGUI bundle at /yasgui/ (copied from {@link #YASGUI_BUILD} when installed; without it
     * /editor.html falls back to the plain query page), and /prefixes.json (the project's prefixes, for the editor).
     */
    static Path siteFiles(Path siteDir, org.w3id.mevo.core.Prefixes prefixes) {
        Path dir = uiFiles();
        try {
            Path root = Files.createTempDirectory("mevo-site");
            root.toFile().deleteOnExit();
            try (var s = Files.walk(dir)) {
                for (Path p : s.toList()) {
                    Path dest = root.resolve("ui").resolve(dir.relativize(p).toString());
                    if (Files.isDirectory(p)) Files.createDirectories(dest); else Files.copy(p, dest);
                }
            }
            if (Files.isDirectory(siteDir)) {
                try (var s = Files.list(siteDir)) {
                    for (Path p : s.toList()) if (Files.isRegularFile(p)) Files.copy(p, root.resolve(p.getFileName().toString()));
                }
            }
            Path projectRoot = siteDir.toAbsolutePath().getParent() == null ? null : siteDir.toAbsolutePath().getParent().getParent();
            Path yasgui = projectRoot == null ? null : projectRoot.resolve(YASGUI_BUILD);
            if (yasgui != null && Files.isRegularFile(yasgui.resolve("yasgui.min.js")) && Files.isRegularFile(yasgui.resolve("yasgui.min.css"))) {
                Files.createDirectories(root.resolve("yasgui"));
                for (String f : List.of("yasgui.min.js", "yasgui.min.css")) Files.copy(yasgui.resolve(f), root.resolve("yasgui").resolve(f));
            } else {
                System.err.println("[mevo] query editor: YASGUI is not installed (" + YASGUI_BUILD + "/yasgui.min.js missing; `npm ci` in tools/site-build installs it); /editor.html falls back to the plain query page");
            }
            if (prefixes != null) {
                var json = new org.apache.jena.atlas.json.JsonObject();
                prefixes.asMap().forEach(json::put);
                Files.writeString(root.resolve("prefixes.json"), org.apache.jena.atlas.json.JSON.toStringFlat(json), java.nio.charset.StandardCharsets.UTF_8);
            }
            return root;
        } catch (IOException e) {
            throw new MevoException("cannot prepare the static site: " + e.getMessage(), e);
        }
    }

    /** Fuseki's UI files ship inside the jena-fuseki-ui jar; they are unpacked once per run into a temp folder. */
    static Path uiFiles() {
        URL index = ServeOperation.class.getClassLoader().getResource("webapp/index.html");
        if (index == null) throw new MevoException("Fuseki UI files (jena-fuseki-ui) are not on the classpath");
        try {
            if ("file".equals(index.getProtocol())) return Path.of(index.toURI()).getParent();
            JarURLConnection conn = (JarURLConnection) index.openConnection();
            conn.setUseCaches(false);
            Path dir = Files.createTempDirectory("mevo-fuseki-ui");
            dir.toFile().deleteOnExit();
            try (JarFile jar = conn.getJarFile()) {
                for (JarEntry e : java.util.Collections.list(jar.entries())) {
                    if (!e.getName().startsWith("webapp/") || e.isDirectory()) continue;
                    Path out = dir.resolve(e.getName().substring("webapp/".length())).normalize();
                    if (!out.startsWith(dir)) continue;
                    Files.createDirectories(out.getParent());
                    try (InputStream in = jar.getInputStream(e)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return dir;
        } catch (IOException | java.net.URISyntaxException e) {
            throw new MevoException("cannot unpack the Fuseki UI: " + e.getMessage(), e);
        }
    }
}
