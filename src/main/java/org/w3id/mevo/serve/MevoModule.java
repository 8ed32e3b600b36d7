package org.w3id.mevo.serve;

import jakarta.servlet.Filter;
import java.nio.file.Path;
import java.util.Set;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.fuseki.main.sys.FusekiModules;
import org.apache.jena.fuseki.mod.admin.ActionServerStatus;
import org.apache.jena.fuseki.server.DataAccessPointRegistry;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.sparql.core.DatasetGraph;
import org.w3id.mevo.core.Prefixes;
import org.w3id.mevo.publish.DescribeOperation;
import org.w3id.mevo.publish.Release;

/**
 * MEVO's additions to a Fuseki server, as a Fuseki module (Fuseki's own extension point). It is registered explicitly
 * on the builder ({@link #on}), never found by ServiceLoader, so a plain Fuseki in the same JVM (the benchmarks' peer)
 * stays plain. What it adds:
 * <ul>
 *   <li>{@link #prepare}: the capped query processor ({@link CappedQueryProcessor}, limits from {@link ServerSettings}),
 *       the filter that refuses malformed requests ({@link MalformedRequests}), the readiness endpoint and release
 *       header ({@link Readiness}), the static site ({@link StaticSite}), {@code /$/server} for GET/HEAD/POST only,
 *       and the persistent mode's reload endpoint;</li>
 *   <li>{@link #configured}: the served data and what is in front of it: the site pages ({@link SiteFilter}: landing,
 *       entity and relations pages, downloads, service description) and the query-result cache ({@link ResultCache});
 *       in-memory mode loads the release into the configured datasets here;</li>
 *   <li>{@link #server}: Jetty's HTTP settings ({@link JettySettings}); {@link #serverBeforeStarting}: ready.</li>
 * </ul>
 */
public final class MevoModule implements FusekiModule {
    private final ServerSettings settings;
    private final Site site;
    private final Readiness readiness;
    /** Persistent mode: the live database and the database it serves first; both null in in-memory mode. */
    private final LiveDatabase live;
    private final PersistentStore.Database database;
    private ServedDataset.Loaded loaded;

    private MevoModule(ServerSettings settings, Site site, Readiness readiness, LiveDatabase live, PersistentStore.Database database) {
        this.settings = settings;
        this.site = site;
        this.readiness = readiness;
        this.live = live;
        this.database = database;
    }

    /**
     * In-memory mode: the release is loaded into every configured dataset that starts empty (see
     * {@link ServedDataset#loadEmpty}); the first such dataset is the one the site pages describe.
     */
    static MevoModule inMemory(ServerSettings settings, Site site, Readiness readiness) {
        return new MevoModule(settings, site, readiness, null, null);
    }

    /** Persistent mode: the server's one dataset is {@code database}, switched by {@code live} on reloads. */
    static MevoModule persistent(ServerSettings settings, Site site, Readiness readiness, LiveDatabase live,
                                 PersistentStore.Database database) {
        return new MevoModule(settings, site, readiness, live, database);
    }

    /** Registers this module, and only this one, on {@code b}. */
    FusekiServer.Builder on(FusekiServer.Builder b) {
        return b.fusekiModules(FusekiModules.create(this));
    }

    /** In-memory mode, once the server is built: what was loaded. */
    ServedDataset.Loaded loaded() { return loaded; }

    @Override
    public String name() { return "MEVO"; }

    @Override
    public void prepare(FusekiServer.Builder b, Set<String> datasetNames, Model configModel) {
        b.registerOperation(Operation.Query, new CappedQueryProcessor(settings));
        b.addFilter("/*", new MalformedRequests());
        b.addFilter("/*", readiness.header());
        b.addServlet(Readiness.PATH, readiness); // 200 once the release is loaded: load balancers' health check
        StaticSite.addTo(b, site.siteDir(), site.prefixes());
        b.addServlet("/$/server", new ServerStatus());
        if (live != null) b.addServlet(LiveDatabase.RELOAD_PATH, live.servlet());
    }

    @Override
    public void configured(FusekiServer.Builder b, DataAccessPointRegistry registry, Model configModel) {
        if (live == null) {
            loaded = ServedDataset.loadEmpty(registry, site.releaseDir());
            b.addFilter("/*", site.front(settings, loaded.first()));
        } else {
            b.addFilter("/*", live.filter());
        }
    }

    @Override
    public void server(FusekiServer server) {
        JettySettings.apply(server, settings.file());
        if (live != null) live.attach(server, database);
    }

    @Override
    public void serverBeforeStarting(FusekiServer server) {
        readiness.ready();
    }

    /** Fuseki's status servlet answers any method; like every other read-only page, only GET/HEAD/POST here. */
    private static final class ServerStatus extends ActionServerStatus {
        @Override
        public void validate(HttpAction action) {
            String m = action.getRequestMethod();
            if (!"GET".equals(m) && !"HEAD".equals(m) && !"POST".equals(m)) ServletOps.error(405, "HTTP method not allowed: " + m);
            super.validate(action);
        }
    }

    /**
     * The project a server serves: its release, its site pages, the prefixes of its entity pages, and its configuration
     * file (whose project's ontology/ folder answers the module IRIs).
     */
    record Site(Path releaseDir, Path siteDir, Prefixes prefixes, Path configFile) {
        /**
         * What is in front of one served dataset: its site pages ({@link SiteFilter}), then its query-result cache
         * ({@link ResultCache}), then Fuseki.
         */
        Filter front(ServerSettings settings, DatasetGraph dataset) {
            SiteFilter site = new SiteFilter(() -> dataset, new EntityPages(prefixes, Release.FLAT),
                    releaseDir.toAbsolutePath().normalize(), DescribeOperation.GRAPH,
                    configFile.toAbsolutePath().normalize().getParent().resolveSibling("ontology")); // the config's project
            ResultCache cache = new ResultCache(settings.cache());
            return (request, response, chain) -> site.doFilter(request, response, (rq, rs) -> cache.doFilter(rq, rs, chain));
        }
    }
}
