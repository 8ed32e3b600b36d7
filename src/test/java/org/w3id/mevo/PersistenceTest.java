package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.w3id.mevo.support.Await;
import org.w3id.mevo.support.Processes;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.serve.LiveDatabase;
import org.w3id.mevo.serve.PersistentStore;
import org.w3id.mevo.serve.ServeOperation;
import org.w3id.mevo.support.Http;
import org.w3id.mevo.support.ProjectCopy;
import org.w3id.mevo.support.TestKb;

/**
 * Persistent mode (TDB2 and Lucene on disk): a reload under query load switches atomically (every answer is wholly the
 * old release or wholly the new one, never a mix, never an error), and a server killed with SIGKILL in the middle of a
 * reload restarts serving the previously published database intact.
 */
@Tag("system")
class PersistenceTest {
    /** A word only release B has: in the summary of its one extra claim. */
    static final String MARKER = "zebrafishreloadmarker";

    /**
     * Tells A from B and checks the answer is internally consistent: claims counted in the asserted graph, claims with
     * evidence counted in the flat graph (both one more in B), and text-index hits for the marker (0 in A, 1 in B).
     * A query that saw part of A and part of B would give a row that is neither A's nor B's.
     */
    static final String PREFIXES = """
            PREFIX mevo: <https://w3id.org/mevo/MEVO_>
            PREFIX text: <http://jena.apache.org/text#>
            """;
    static final String COUNTS = """
              { SELECT (COUNT(DISTINCT ?c) AS ?asserted) WHERE { GRAPH <https://w3id.org/mevo/graph/asserted> { ?c a mevo:0000078 } } }
              { SELECT (COUNT(DISTINCT ?c) AS ?flat) WHERE { GRAPH <https://w3id.org/mevo/graph/flat> { ?c mevo:0000042 ?e } } }
            """;
    static final String PROBE = PREFIXES + "SELECT ?asserted ?flat ?hits WHERE {\n" + COUNTS
            + "  { SELECT (COUNT(?h) AS ?hits) WHERE { (?h ?score) text:query \"" + MARKER + "\" } }\n}";
    static final String QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";

    @TempDir
    static Path tmp;
    static Path releaseA;
    static Path releaseB;
    static String rowA;
    static String rowB;
    static long quadsA;
    static long quadsB;

    @BeforeAll
    static void releases() throws IOException {
        releaseA = TestKb.release();
        ProjectLayout l = ProjectCopy.of(TestKb.layout(), tmp.resolve("project-b"));
        org.w3id.mevo.core.FileTrees.copy(TestKb.layout().queriesDir(), l.queriesDir());
        Path table = l.tablesDir().resolve("claims-regenerative.tsv");
        List<String> lines = Files.readAllLines(table, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split("\t", -1));
        String[] cells = lines.get(2).split("\t", -1);
        cells[header.indexOf("id")] = "MEVO:1000999";
        cells[header.indexOf("summary")] = "A copy of the first claim that only release B has (" + MARKER + "), added by PersistenceTest.";
        ProjectCopy.append(table, String.join("\t", cells) + "\n");
        releaseB = tmp.resolve("release-b");
        new Pipeline(StepLog.silent()).build(new Pipeline.Options(l, releaseB));

        rowA = expectedRow(releaseA, 0);
        rowB = expectedRow(releaseB, 1);
        quadsA = quads(releaseA);
        quadsB = quads(releaseB);
        String[] a = rowA.split(","), b = rowB.split(",");
        for (int i = 0; i < 3; i++) assertNotEquals(a[i], b[i], "A and B must differ in every column: " + rowA + " / " + rowB);
        assertNotEquals(quadsA, quadsB);
    }

    /** The probe's answer computed from the release file itself (no server): asserted,flat,hits. */
    static String expectedRow(Path release, int hits) {
        Dataset ds = org.w3id.mevo.serve.ServedDataset.loadUnion(release);
        String q = PREFIXES + "SELECT ?asserted ?flat WHERE {\n" + COUNTS + "}";
        return Txn.calculateRead(ds, () -> {
            try (QueryExecution qe = QueryExecution.dataset(ds).query(q).build()) {
                QuerySolution s = qe.execSelect().next();
                return s.getLiteral("asserted").getLong() + "," + s.getLiteral("flat").getLong() + "," + hits;
            }
        });
    }

    static long quads(Path release) {
        Dataset ds = org.w3id.mevo.serve.ServedDataset.loadUnion(release);
        return Txn.calculateRead(ds, () -> {
            long n = 0;
            var it = ds.asDatasetGraph().findNG(null, null, null, null);
            while (it.hasNext()) { it.next(); n++; }
            return n;
        });
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void persistentConfigDiffersFromTheInMemoryOneOnlyInWhereTheDataLives() {
        // the same base IRI for both, so that <#mevo> etc. name the same resources
        Model mem = RDFParser.source(TestKb.layout().fusekiConfig()).base("http://config.invalid/").toModel();
        Model tdb = RDFParser.source(TestKb.layout().fusekiConfig().resolveSibling(PersistentStore.CONFIG_FILE))
                .base("http://config.invalid/").toModel();
        for (Model m : List.of(mem, tdb)) {
            // where the data lives: the base dataset's declaration (in-memory vs TDB2 on disk) and the index folder
            m.removeAll(m.createResource("http://config.invalid/#dataset"), null, (RDFNode) null);
            m.removeAll(null, m.createProperty("http://jena.apache.org/text#directory"), (RDFNode) null);
        }
        assertTrue(mem.isIsomorphicWith(tdb), "fuseki-config/" + PersistentStore.CONFIG_FILE
                + " must declare the same services, endpoints, settings and text index as mevo.ttl");
    }

    @Test
    void reloadUnderLoadSwitchesAtomically() throws Exception {
        Path served = tmp.resolve("served-a");
        org.w3id.mevo.core.FileTrees.copy(releaseA, served);
        Path data = tmp.resolve("data-a");
        var options = new ServeOperation.Options(TestKb.layout().fusekiConfig().resolveSibling(PersistentStore.CONFIG_FILE),
                served, 0, true, TestKb.layout().siteDir(), TestKb.prefixes());
        var ps = new ServeOperation(StepLog.stderr()).startPersistent(options, new ServeOperation.Persistence(data, 0));
        List<Thread> clients = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        try {
            String base = "http://127.0.0.1:" + ps.port();
            String firstDb = current(data);
            assertEquals(rowA, probe(base).row(), "serves release A after the first start");
            assertEquals(quadsA, count(base));
            assertEquals(404, Http.get(base + "/MEVO_1000999", "text/turtle").statusCode());

            List<String> failures = new CopyOnWriteArrayList<>();
            List<long[]> answers = new CopyOnWriteArrayList<>(); // {start nanos, 0=A 1=B, thread}
            AtomicLong reloadDone = new AtomicLong(Long.MAX_VALUE);
            for (int t = 0; t < 4; t++) {
                int id = t;
                Thread c = new Thread(() -> {
                    boolean sawB = false;
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        try {
                            Probe p = probe(base);
                            if (p.status() != 200) { failures.add("HTTP " + p.status() + ": " + p.body()); continue; }
                            int kind = p.row().equals(rowA) ? 0 : p.row().equals(rowB) ? 1 : -1;
                            if (kind < 0) { failures.add("neither A nor B: " + p.row()); continue; }
                            if (kind == 0 && sawB) failures.add("thread " + id + " saw A again after B");
                            sawB |= kind == 1;
                            answers.add(new long[] {t0, kind, id});
                        } catch (RuntimeException e) {
                            failures.add("request failed: " + e);
                        }
                    }
                }, "probe-" + t);
                clients.add(c);
                c.start();
            }
            Await.condition(Duration.ofSeconds(60), () -> answers.size() >= 20, "answers before the reload");

            swapRelease(served, releaseB);
            HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create(base + LiveDatabase.RELOAD_PATH))
                    .timeout(Duration.ofSeconds(180)).POST(HttpRequest.BodyPublishers.noBody()).build());
            reloadDone.set(System.nanoTime());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"reloaded\""), r.body());
            long done = reloadDone.get();
            Await.condition(Duration.ofSeconds(60), () -> answers.stream().filter(x -> x[0] > done).count() >= 20, "answers after the reload");
            stop.set(true);
            for (Thread c : clients) c.join(60_000);
            for (Thread c : clients) assertFalse(c.isAlive(), "client thread did not finish");

            assertEquals(List.of(), failures, "every answer is wholly A or wholly B, without errors");
            List<long[]> all = new ArrayList<>(answers);
            long a = all.stream().filter(x -> x[1] == 0).count(), b = all.stream().filter(x -> x[1] == 1).count();
            assertTrue(a > 0 && b > 0, "answers from both releases: A=" + a + " B=" + b);
            assertEquals(0, all.stream().filter(x -> x[0] > done && x[1] == 0).count(), "after the reload every answer is B");
            System.err.println("[PersistenceTest] " + all.size() + " answers under load: A=" + a + " B=" + b);

            assertEquals(quadsB, count(base));
            assertEquals(200, Http.get(base + "/MEVO_1000999", "text/turtle").statusCode(), "entity pages switched too");
            String secondDb = current(data);
            assertNotEquals(firstDb, secondDb, "CURRENT names the new database");
            Await.condition(Duration.ofSeconds(60), () -> !Files.exists(data.resolve(firstDb)), "the old database to be deleted");
            assertEquals(List.of(secondDb), databases(data));

            HttpResponse<String> again = Http.send(HttpRequest.newBuilder(URI.create(base + LiveDatabase.RELOAD_PATH))
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertTrue(again.body().contains("\"unchanged\""), "same release again: nothing to do: " + again.body());
        } finally {
            stop.set(true);
            for (Thread c : clients) c.join(60_000);
            ps.stop();
        }
    }

    @Test
    void killedDuringReloadRestartsWithThePublishedDatabaseIntact() throws Exception {
        Path served = tmp.resolve("served-b");
        org.w3id.mevo.core.FileTrees.copy(releaseA, served);
        Path data = tmp.resolve("data-b");
        Process first = null;
        Process second = null;
        try {
            int port = Http.freePort();
            first = startServer(served, data, port, 4000, tmp.resolve("server-1.log"));
            String base = "http://127.0.0.1:" + port;
            awaitServing(first, base, tmp.resolve("server-1.log"));
            assertEquals(rowA, probe(base).row());
            assertEquals(quadsA, count(base));
            String published = current(data);

            swapRelease(served, releaseB);
            Thread trigger = new Thread(() -> {
                try {
                    Http.send(HttpRequest.newBuilder(URI.create(base + LiveDatabase.RELOAD_PATH))
                            .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.noBody()).build());
                } catch (RuntimeException expected) {
                    // the server is killed before it answers
                }
            }, "reload-trigger");
            trigger.setDaemon(true);
            trigger.start();
            // the load has begun when its new folder appears; the test hook then holds the write transaction open
            // for 4 s after the last quad was read, so killing 0.5 s later lands in the middle of the load
            Await.condition(Duration.ofSeconds(60), () -> databases(data).size() > 1, "the reload to start loading");
            String loading = databases(data).stream().filter(d -> !d.equals(published)).findFirst().orElseThrow();
            Thread.sleep(500);
            first.destroyForcibly();
            assertTrue(first.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "SIGKILL ends the server");
            boolean switched = !published.equals(current(data));
            System.err.println("[PersistenceTest] killed " + (switched ? "after the switch" : "in the middle of the load of " + loading));

            int port2 = Http.freePort();
            second = startServer(served, data, port2, 3000, tmp.resolve("server-2.log"));
            String base2 = "http://127.0.0.1:" + port2;
            awaitServing(second, base2, tmp.resolve("server-2.log"));
            Probe p = probe(base2);
            assertEquals(200, p.status(), p.body());
            if (!switched) {
                assertEquals(rowA, p.row(), "after the restart the previously published data is served");
                assertEquals(quadsA, count(base2), "... intact: the same number of quads");
                assertEquals(200, Http.get(base2 + "/MEVO_0000102", "text/turtle").statusCode());
                assertFalse(Files.exists(data.resolve(loading)), "the incomplete database folder was removed at start-up");
            } else {
                assertEquals(rowB, p.row());
                assertEquals(quadsB, count(base2));
            }
            // the stored database is older than the release: the restarted server reloads B in the background
            List<String> seen = new ArrayList<>();
            Await.condition(Duration.ofSeconds(180), () -> {
                Probe x = probe(base2);
                if (x.status() != 200 || !(x.row().equals(rowA) || x.row().equals(rowB))) seen.add(x.status() + " " + x.body());
                return x.row().equals(rowB);
            }, "the restarted server to switch to B");
            assertEquals(List.of(), seen, "while it reloads, every answer is A or B");
            assertEquals(quadsB, count(base2));
            String now = current(data);
            Await.condition(Duration.ofSeconds(60), () -> databases(data).equals(List.of(now)), "only the served database to remain");
        } finally {
            for (Process p : new Process[] {first, second}) {
                if (p == null) continue;
                p.destroy();
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    record Probe(int status, String body, String row) {}

    static Probe probe(String base) {
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create(base + "/mevo/sparql"))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "text/csv").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + Http.encode(PROBE))).build());
        String[] lines = r.body().split("\r?\n");
        return new Probe(r.statusCode(), r.body(), r.statusCode() == 200 && lines.length == 2 ? lines[1].trim() : "");
    }

    static long count(String base) {
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create(base + "/mevo/sparql"))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "text/csv").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + Http.encode(QUADS))).build());
        assertEquals(200, r.statusCode(), r.body());
        return Long.parseLong(r.body().split("\r?\n")[1].trim());
    }

    static String current(Path data) {
        try {
            return Files.readString(data.resolve(PersistentStore.CURRENT), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    static List<String> databases(Path data) {
        try (Stream<Path> s = Files.list(data)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(PersistentStore.PREFIX)).sorted().toList();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    /** Replaces the served release folder by a copy of {@code from} the way a build publishes: two renames. */
    static void swapRelease(Path served, Path from) throws IOException {
        Path fresh = served.resolveSibling("." + served.getFileName() + ".new");
        Path old = served.resolveSibling("." + served.getFileName() + ".old");
        org.w3id.mevo.core.FileTrees.copy(from, fresh);
        Files.move(served, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(fresh, served, StandardCopyOption.ATOMIC_MOVE);
        try (Stream<Path> s = Files.walk(old)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** {@code ./mevo serve --persistent} as a separate JVM (so that it can be killed with SIGKILL). */
    static Process startServer(Path release, Path data, int port, long loadDelayMs, Path log) throws IOException {
        String cp = TestKb.layout().root().resolve("target").resolve("classes") + java.io.File.pathSeparator
                + System.getProperty("java.class.path");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-D" + PersistentStore.LOAD_DELAY_PROPERTY + "=" + loadDelayMs, "-cp", cp, "org.w3id.mevo.cli.Main",
                "serve", "--persistent", "--data", data.toString(), "--port", Integer.toString(port), "--localhost",
                "--release", release.toString(), "--no-build");
        return Processes.startLogged(cmd, TestKb.layout().root(), log);
    }

    static void awaitServing(Process p, String base, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) fail("the server exited (" + p.exitValue() + "):\n" + tail(log));
            try {
                HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create(base + "/mevo/sparql?query=ASK%7B%7D"))
                        .timeout(Duration.ofSeconds(10)).GET().build());
                if (r.statusCode() == 200) return;
                last = r.statusCode() + " " + r.body();
            } catch (RuntimeException notYet) {
                last = notYet.toString(); // connection refused while it starts
            }
            Thread.sleep(200);
        }
        fail("the server did not start within 120 s (last: " + last + "):\n" + tail(log));
    }

    static String tail(Path log) throws IOException {
        List<String> l = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", l.subList(Math.max(0, l.size() - 40), l.size()));
    }
}
