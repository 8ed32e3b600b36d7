package org.w3id.mevo.serve;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.jena.fuseki.main.FusekiServer;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.publish.Release;

/**
 * Serve: a Fuseki server whose services and datasets come from the assembler file in {@code fuseki-config/}, with
 * MEVO's additions as a Fuseki module ({@link MevoModule}). In-memory mode loads the published release into each
 * dataset that starts empty; persistent mode serves a TDB2 database on disk ({@link PersistentStore}, {@link LiveDatabase}).
 * Each start reads the settings ({@link ServerSettings}), prepares the data, builds the server with the module, starts it.
 */
public final class ServeOperation {

    /**
     * @param port 0 picks a free port
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

    /** Where {@code npm ci} in tools/site-build puts YASGUI's prebuilt bundle, relative to the project root. */
    public static final String YASGUI_BUILD = StaticSite.YASGUI_BUILD;

    private final StepLog log;

    public ServeOperation(StepLog log) { this.log = log; }

    /**
     * A running MEVO server, in either mode: Fuseki, and in persistent mode the database it serves, which
     * {@link #reload} replaces.
     */
    public record Running(FusekiServer server, Optional<LiveDatabase> live) {
        public int port() { return server.getHttpPort(); }

        public boolean persistent() { return live.isPresent(); }

        /** Persistent mode: loads the release aside and switches to it (see {@link LiveDatabase#reload}). */
        public LiveDatabase.Result reload(boolean force) {
            return live.orElseThrow(() -> new MevoException("only a persistent-mode server reloads")).reload(force);
        }

        /** Blocks until the server stops. */
        public void join() { server.join(); }

        /** Stops the server; in persistent mode also closes its databases and releases the data folder. */
        public void stop() {
            try {
                server.stop();
            } finally {
                live.ifPresent(LiveDatabase::close);
            }
        }
    }

    /** Starts an in-memory server: the release is loaded into each dataset of {@code o.configFile()} that starts empty. */
    public Running start(Options o) {
        requireRelease(o);
        var step = log.start("serve");
        ServerSettings settings = settings(o);
        String fingerprint = Release.fingerprint(o.releaseDir());
        MevoModule module = MevoModule.inMemory(settings, site(o), new Readiness(() -> fingerprint));
        FusekiServer server = module.on(builder(o)).parseConfigFile(o.configFile()).build();
        server.start();
        step.done("port=" + server.getHttpPort() + " datasets=" + module.loaded().datasets() + " quads=" + module.loaded().quads());
        return new Running(server, Optional.empty());
    }

    /**
     * Persistent mode: the dataset is a TDB2 database (with its Lucene text index) on disk in {@code dataDir},
     * see {@link PersistentStore}. {@code watchSeconds} > 0 reloads when the release's fingerprint changes.
     */
    public record Persistence(Path dataDir, int watchSeconds) {}

    /**
     * Starts a persistent-mode server ({@code o.configFile()} is {@code fuseki-config/mevo-tdb2.ttl}). Serves the
     * database {@code CURRENT} names as it is; deletes every other database folder (incomplete or superseded loads);
     * loads the release first only when there is no complete database. If the served database holds an older release
     * than {@code o.releaseDir()}, it is served at once and the newer release is loaded aside and switched to in the
     * background.
     */
    public Running startPersistent(Options o, Persistence p) {
        requireRelease(o);
        var step = log.start("serve");
        ServerSettings settings = settings(o);
        PersistentStore store = PersistentStore.open(p.dataDir(), o.configFile());
        try {
            PersistentStore.Database db = store.current().orElse(null);
            for (Path r : store.cleanup(db)) log.info("removed " + r + " (not named by " + PersistentStore.CURRENT + ": incomplete or superseded)");
            String how = db == null ? "loaded" : "stored";
            if (db == null) db = loadFirst(store, o.releaseDir());
            MevoModule.Site site = site(o);
            LiveDatabase live = new LiveDatabase(store, o.releaseDir(), dsg -> site.front(settings, dsg), log);
            Readiness readiness = new Readiness(() -> live.database().fingerprint());
            MevoModule module = MevoModule.persistent(settings, site, readiness, live, db);
            FusekiServer server = module.on(builder(o)).parseConfig(store.configFor(db.dir())).build();
            server.start();
            step.done("port=" + server.getHttpPort() + " database=" + db.name() + " (" + how + ") quads=" + db.quads()
                    + " data=" + store.dataDir());
            if (!db.fingerprint().equals(Release.fingerprint(o.releaseDir()))) {
                log.info("the stored database holds an older release than " + o.releaseDir() + ": reloading in the background");
                live.reloadSoon();
            }
            if (p.watchSeconds() > 0) live.watch(p.watchSeconds());
            return new Running(server, Optional.of(live));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** No complete database yet: the release is loaded into a new one, which {@code CURRENT} then names. */
    private static PersistentStore.Database loadFirst(PersistentStore store, Path releaseDir) {
        PersistentStore.Loaded first = store.loadAside(releaseDir);
        PersistentStore.closeDataset(first.dataset()); // Fuseki reopens it from the configuration
        store.publish(first.database());
        return first.database();
    }

    private static void requireRelease(Options o) {
        if (!Release.exists(o.releaseDir()))
            throw new MevoException(o.releaseDir() + ": no published release to serve; the build must succeed first");
    }

    /** The settings of {@code o.configFile()}, with the allow-list entries and cache choice of {@code o}. */
    private static ServerSettings settings(Options o) {
        ServerSettings s = ServerSettings.read(o.configFile()).withServiceAllowList(o.extraServiceAllowList());
        return o.resultCache() ? s : s.withoutResultCache();
    }

    private static MevoModule.Site site(Options o) {
        return new MevoModule.Site(o.releaseDir(), o.siteDir(), o.prefixes(), o.configFile());
    }

    /** Fuseki's own settings, shared by both modes: port, interface, ping, stats, CORS. */
    private static FusekiServer.Builder builder(Options o) {
        return FusekiServer.create().port(o.port()).loopback(o.localhostOnly())
                .enablePing(true).enableStats(true).enableCors(true, null);
    }
}
