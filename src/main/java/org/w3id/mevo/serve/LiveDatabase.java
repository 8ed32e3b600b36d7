package org.w3id.mevo.serve;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.DataAccessPoint;
import org.apache.jena.fuseki.server.DataAccessPointRegistry;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.sparql.core.DatasetGraph;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.publish.Release;

/**
 * The database a persistent-mode server is serving, and how it is replaced while the server runs.
 *
 * <p>A reload loads the release into a new database folder ({@link PersistentStore#loadAside}), names it in
 * {@code CURRENT}, and then switches in one step: a new Fuseki {@link DataService} (the same endpoints and
 * processors, the new dataset) replaces the old one in the server's {@link DataAccessPointRegistry} under the same
 * name. Fuseki looks the data service up once per request and runs the whole query in one read transaction on that
 * service's dataset, so every request sees the old database or the new one, never a mix. The site pages (entity
 * pages, /void) and the query-result cache switch at the same moment (one {@link SiteFilter} and one
 * {@link ResultCache} per database, so a reload starts with an empty cache).
 *
 * <p>The old database is closed and deleted only when no request that may still use it is in flight: every request
 * passes {@link #filter()}, which counts it against the database generation that was current when it arrived; the
 * registry is switched before the generation, so a request that arrives after the switch cannot reach the old data.
 *
 * <p>Triggers: {@code POST /$/mevo-reload} (loopback clients only, no browser requests: a request with an
 * {@code Origin} header is refused; {@code ?force=true} reloads an unchanged release),
 * {@code ./mevo reload}, and, with {@code --watch N}, a check of release/build-info.json every N seconds.
 */
public final class LiveDatabase implements AutoCloseable {
    /** Path of the reload trigger. */
    public static final String RELOAD_PATH = "/$/mevo-reload";
    /** How long a superseded database waits for requests still using it before it is closed anyway. */
    private static final long RETIRE_WAIT_MS = 120_000;

    /** What a reload did. */
    public record Result(String status, String database, String fingerprint, long quads, long ms) {
        public String json() {
            return String.format(Locale.ROOT, "{\"status\": \"%s\", \"database\": \"%s\", \"fingerprint\": \"%s\", \"quads\": %d, \"ms\": %d}%n",
                    status, database, fingerprint, quads, ms);
        }
    }

    private record Generation(PersistentStore.Database db, DataService service, Filter site, AtomicInteger inflight) {}

    private final PersistentStore store;
    private final Path releaseDir;
    private final Function<DatasetGraph, Filter> siteFilters;
    private final StepLog log;
    private final Object reloadLock = new Object();
    private final List<Thread> retiring = new ArrayList<>();
    private volatile Generation current;
    private FusekiServer server;
    private String name;
    private ScheduledExecutorService background;
    private volatile String lastFailedFingerprint;

    LiveDatabase(PersistentStore store, Path releaseDir, Function<DatasetGraph, Filter> siteFilters, StepLog log) {
        this.store = store;
        this.releaseDir = releaseDir;
        this.siteFilters = siteFilters;
        this.log = log;
    }

    /** Takes over the (built, not yet started) server's one data service, which serves {@code db}. */
    void attach(FusekiServer server, PersistentStore.Database db) {
        List<DataAccessPoint> daps = server.getDataAccessPointRegistry().accessPoints();
        if (daps.size() != 1) throw new MevoException("persistent mode serves exactly one dataset; the configuration has " + daps.size());
        this.server = server;
        this.name = daps.get(0).getName();
        DataService service = daps.get(0).getDataService();
        current = new Generation(db, service, siteFilters.apply(service.getDataset()), new AtomicInteger());
    }

    public PersistentStore.Database database() { return current.db(); }

    /** Counts each request against the database generation current at its arrival; serves the site pages of that generation. */
    public Filter filter() {
        return new Filter() {
            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
                Generation g;
                while (true) {
                    g = current;
                    g.inflight().incrementAndGet();
                    if (g == current) break;
                    g.inflight().decrementAndGet(); // switched meanwhile: count against the new generation
                }
                try {
                    g.site().doFilter(request, response, chain);
                } finally {
                    g.inflight().decrementAndGet();
                }
            }
        };
    }

    /**
     * {@code POST /$/mevo-reload[?force=true]}: reloads from the release folder; loopback clients only. Answers what the
     * reload did as JSON ({@link Result#json()}); a refused or failed reload is an HTTP error with a plain-text message.
     */
    public HttpServlet servlet() {
        return new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                if (!InetAddress.getByName(req.getRemoteAddr()).isLoopbackAddress()) {
                    ServletOps.responseSendError(resp, 403, "reload is allowed from the loopback interface only");
                    return;
                }
                if (req.getHeader("Origin") != null) {
                    // a web page in a local browser could otherwise trigger reloads (CORS does not stop a simple POST)
                    ServletOps.responseSendError(resp, 403, "reload is not allowed from web pages (Origin header present)");
                    return;
                }
                Result r;
                try {
                    r = reload("true".equals(req.getParameter("force")));
                } catch (RuntimeException e) {
                    ServletOps.responseSendError(resp, 500, "reload failed: " + e.getMessage());
                    return;
                }
                resp.setStatus(200);
                resp.setContentType("application/json");
                resp.setCharacterEncoding("UTF-8");
                resp.getOutputStream().write(r.json().getBytes(StandardCharsets.UTF_8));
            }

            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                resp.setHeader("Allow", "POST");
                ServletOps.responseSendError(resp, 405, "use POST " + RELOAD_PATH);
            }
        };
    }

    /**
     * Loads the release aside and switches to it, unless the database already holds this release (then "unchanged",
     * unless {@code force}). One reload at a time; a failure leaves the served database untouched.
     */
    public Result reload(boolean force) {
        synchronized (reloadLock) {
            long t0 = System.nanoTime();
            String fp = Release.fingerprint(releaseDir);
            Generation g = current;
            if (!force && fp != null && fp.equals(g.db().fingerprint()))
                return new Result("unchanged", g.db().name(), fp, g.db().quads(), 0);
            var step = log.start("reload");
            PersistentStore.Loaded loaded;
            try {
                loaded = store.loadAside(releaseDir);
            } catch (RuntimeException e) {
                lastFailedFingerprint = fp;
                log.info("reload failed, still serving " + g.db().name() + ": " + e.getMessage());
                throw e;
            }
            PersistentStore.Database db = loaded.database();
            try {
                store.publish(db);
            } catch (RuntimeException e) {
                PersistentStore.discard(loaded.dataset(), db.dir());
                throw e;
            }
            // the switch: one registry entry replaced; requests arriving from now on get the new data service
            DataService next = DataService.newBuilder(g.service()).dataset(loaded.dataset()).build();
            next.goActive();
            server.getDataAccessPointRegistry().put(name, new DataAccessPoint(name, next));
            current = new Generation(db, next, siteFilters.apply(loaded.dataset()), new AtomicInteger());
            retire(g);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            step.done("database=" + db.name() + " quads=" + db.quads() + " previous=" + g.db().name());
            return new Result("reloaded", db.name(), db.fingerprint(), db.quads(), ms);
        }
    }

    /** Closes and deletes a superseded database once no request counted against it is still running. */
    private void retire(Generation old) {
        Thread t = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETIRE_WAIT_MS);
            while (old.inflight().get() > 0 && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    break;
                }
            }
            if (old.inflight().get() > 0) log.info("closing " + old.db().name() + " with " + old.inflight().get() + " request(s) still running");
            try {
                old.service().goOffline();
                old.service().shutdown();
            } catch (RuntimeException e) {
                log.info("closing " + old.db().name() + ": " + e.getMessage());
            }
            org.w3id.mevo.core.FileTrees.delete(old.db().dir());
        }, "mevo-retire-" + old.db().name());
        t.setDaemon(true);
        synchronized (retiring) { retiring.add(t); }
        t.start();
    }

    /** Reloads in the background now (e.g. at start-up, when the stored database is older than the release). */
    void reloadSoon() {
        executor().execute(this::reloadQuietly);
    }

    /** Checks the release's fingerprint every {@code seconds} and reloads when it changed. */
    void watch(int seconds) {
        executor().scheduleWithFixedDelay(() -> {
            String fp = Release.fingerprint(releaseDir);
            if (fp == null || fp.equals(current.db().fingerprint()) || fp.equals(lastFailedFingerprint)) return;
            reloadQuietly();
        }, seconds, seconds, TimeUnit.SECONDS);
    }

    private void reloadQuietly() {
        try {
            reload(false);
        } catch (RuntimeException e) {
            // logged by reload(); the served database is unchanged
        }
    }

    private synchronized ScheduledExecutorService executor() {
        if (background == null) {
            background = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "mevo-reload");
                t.setDaemon(true);
                return t;
            });
        }
        return background;
    }

    /** Stops reloading, waits for superseded databases to close, closes the served one and releases the data folder. */
    @Override
    public void close() {
        synchronized (this) {
            if (background != null) background.shutdown(); // a reload in progress finishes (or fails) on its own
        }
        synchronized (reloadLock) {
            List<Thread> ts;
            synchronized (retiring) { ts = new ArrayList<>(retiring); }
            for (Thread t : ts) {
                try {
                    t.join(RETIRE_WAIT_MS + 5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                current.service().goOffline();
                current.service().shutdown();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
            store.close();
        }
    }
}
