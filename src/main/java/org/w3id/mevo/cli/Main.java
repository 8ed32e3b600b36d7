package org.w3id.mevo.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.w3id.mevo.Pipeline;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.query.QueryOperation;
import org.w3id.mevo.serve.ServeOperation;

/** The thin command layer: parses arguments into typed options and calls one pipeline operation. */
public final class Main {
    private static final String HELP = """
            usage: ./mevo <command> [options]

            commands:
              build                 curate -> validate -> reason -> publish; writes the release to release/
                  --release DIR       write the release elsewhere
              serve                 build if the release is missing or stale, then start Fuseki
                  --port N            HTTP port (default 3030)
                  --localhost         listen on localhost only
                  --release DIR       serve this release folder
                  --no-build          serve the release as it is, even if older than the curated files
                  --persistent        keep the data in a TDB2 database on disk (fuseki-config/mevo-tdb2.ttl):
                                      a restart serves it without loading; new releases are loaded aside
                                      and switched to atomically (see ./mevo reload)
                  --data DIR          where persistent databases live (default databases/)
                  --watch N           persistent mode: reload when release/build-info.json changes (checked
                                      every N seconds; default 0 = only on ./mevo reload)
              reload                tell a running persistent server (on this machine) to load the current
                                    release aside and switch to it (POST /$/mevo-reload, loopback only)
                  --port N            the server's port (default 3030)
                  --force             reload even if the server already holds this release
              query FILE.rq         run a SPARQL query against the built release, without a server
                  --format F          table (default), tsv, csv, json, xml, curies
                  --release DIR       query this release folder
              refresh-imports       regenerate every ontology/imports/*_import.ttl (and components/external-placements.ttl)
                                    from the pinned sources in ontology/imports/sources.tsv; needs apt-get for
                                    the Debian packages (GO.db, org.Hs.eg.db); the build itself never refreshes
                  --sources DIR       folder holding the pinned source files named in sources.tsv
                  --cache DIR         where the Debian packages are fetched and unpacked (default target/import-sources)
              resolve-ids           ask NCBI E-utilities for PMIDs/DOIs the reference table lacks (needs internet);
                                    writes proposals (proposed_pmid, proposed_doi, proposal_origin), never
                                    overwrites a confirmed value
                  --limit N           look up at most N references
                  --eutils URL        E-utilities base URL (default NCBI)
                  --email ADDR        contact address sent to NCBI, as its usage policy asks
              bench-scaling         synthetic 1k/10k/100k claims: reasoning time, structural vs HermiT
                  --sizes LIST        claim counts (default 1000,10000,100000)
                  --hermit-up-to N    also run HermiT over the whole ABox up to N claims (default 10000)
                  --out FILE          TSV (default BENCHMARKS-scaling.tsv)
              synth                 copy this project with its claim tables replaced by seeded synthetic claims
                  --into DIR          the new folder (build it with ./mevo build --project DIR)
                  --claims N          how many claims (default 100000)
                  --seed N            random seed (default 42)
              test                  install what the tests need, then run `mvn -B verify`
              bench                 performance numbers: build steps, load/start-up, query latency, overhead (BENCHMARKS.md)
                  --out FILE          TSV file for the tables (default BENCHMARKS-results.tsv)
                  --rounds N          build, start-up and overhead rounds (default 3)
                  --seconds S         time bound per query level and per overhead run (default 10)
                  --only LIST         some of build,startup,queries,overhead,peers (default all; peers: Virtuoso,
                                      plain Fuseki and MEVO as separate processes, installs Virtuoso if missing)
                  --clients LIST      client counts of the query benchmark (default 1,8,32)
                  --no-build          benchmark the release as it is, even if older than the curated files
              bench-load            load test with a verdict: N clients send the example queries for S seconds;
                                    exit 0 (PASS) only if no request failed and p99 is within --max-p99
                  --clients N         concurrent clients (default 32)
                  --seconds S         duration (default 60)
                  --max-p99 MS        p99 bound in milliseconds (default: none, only errors fail)
                  --no-cache          start the server without its query-result cache
                  --warmup S          longest warm-up before the measured run (default 48)
                  --rate R            open loop: R requests/s on a fixed schedule, latency from each request's due
                                      time (no coordinated omission); --clients is then not used
                  --endpoint URL      test a server already running on 127.0.0.1 instead of starting one
                  --no-build          serve the release as it is, even if older than the curated files
                  --out FILE          also write the table as TSV
              bench-startup         ./mevo serve as a separate process: time to the first answered query
                  --rounds N          starts from the built release (default 3)
                  --fresh-clone       also from a fresh local git clone (compile + build + serve)
                  --out FILE          also write the table as TSV
              --project DIR         (any command) use the MEVO checkout at DIR instead of this one
              --help                this text

            Endpoint: http://localhost:3030/mevo/sparql (also /mevo/query); landing page http://localhost:3030/,
            query editor /editor.html (plain page /query.html), Fuseki UI /ui/, entity pages /MEVO_0000102
            """;

    private Main() {}

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (java.io.IOException e) {
            System.err.println("mevo: error: " + e.getMessage());
            code = 1;
        } catch (MevoException e) {
            System.err.println("mevo: error: " + e.getMessage());
            code = 1;
        }
        if (code != 0 || !(args.length > 0 && args[0].equals("serve"))) System.exit(code);
    }

    static int run(String[] args) throws java.io.IOException {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            System.out.print(HELP);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        Args a = Args.parse(List.of(args).subList(1, args.length));
        ProjectLayout layout = ProjectLayout.discover(a.option("project").map(Path::of).orElse(Path.of("")));
        Path release = a.option("release").map(Path::of).orElse(layout.defaultReleaseDir());
        StepLog log = StepLog.stderr();
        switch (command) {
            case "build" -> {
                a.noPositionals();
                new Pipeline(log).build(new Pipeline.Options(layout, release));
                return 0;
            }
            case "serve" -> {
                a.noPositionals();
                if (!a.flag("no-build") && !Pipeline.isCurrent(layout, release)) {
                    log.info("release missing or older than the curated files: building first");
                    new Pipeline(log).build(new Pipeline.Options(layout, release));
                }
                int port = Integer.parseInt(a.option("port").orElse("3030"));
                boolean persistent = a.flag("persistent");
                if (!persistent && (a.option("data").isPresent() || a.option("watch").isPresent()))
                    throw new MevoException("--data and --watch need --persistent");
                Path config = persistent
                        ? layout.fusekiConfig().resolveSibling(org.w3id.mevo.serve.PersistentStore.CONFIG_FILE)
                        : layout.fusekiConfig();
                var options = new ServeOperation.Options(config, release,
                        port, a.flag("localhost"), layout.siteDir(), org.w3id.mevo.core.Prefixes.load(layout.prefixes()));
                org.apache.jena.fuseki.main.FusekiServer server;
                if (persistent) {
                    Path data = a.option("data").map(Path::of).orElse(layout.root().resolve("databases"));
                    var ps = new ServeOperation(log).startPersistent(options,
                            new ServeOperation.Persistence(data, Integer.parseInt(a.option("watch").orElse("0"))));
                    Runtime.getRuntime().addShutdownHook(new Thread(ps::stop, "mevo-shutdown"));
                    server = ps.server();
                    log.info("persistent mode: serving " + ps.live().database().dir() + "; reload with ./mevo reload --port "
                            + server.getHttpPort() + " (POST http://localhost:" + server.getHttpPort()
                            + org.w3id.mevo.serve.LiveDatabase.RELOAD_PATH + ")");
                } else {
                    server = new ServeOperation(log).start(options);
                }
                log.info("MEVO SPARQL endpoint: http://localhost:" + server.getHttpPort() + "/mevo/sparql"
                        + "  (home: http://localhost:" + server.getHttpPort() + "/ , Fuseki UI: /ui/)");
                server.join();
                return 0;
            }
            case "reload" -> {
                a.noPositionals();
                int port = Integer.parseInt(a.option("port").orElse("3030"));
                String url = "http://127.0.0.1:" + port + org.w3id.mevo.serve.LiveDatabase.RELOAD_PATH
                        + (a.flag("force") ? "?force=true" : "");
                try {
                    var client = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10)).build();
                    var resp = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    System.out.print(resp.body());
                    return resp.statusCode() == 200 ? 0 : 1;
                } catch (java.io.IOException e) {
                    throw new MevoException("no MEVO server answers at " + url + " (" + e + "); is ./mevo serve --persistent running?", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 1;
                }
            }
            case "query" -> {
                if (a.positionals().size() != 1) throw new MevoException("query needs exactly one FILE.rq");
                if (!Pipeline.isCurrent(layout, release)) {
                    log.info("release missing or older than the curated files: building first");
                    new Pipeline(log).build(new Pipeline.Options(layout, release));
                }
                var format = QueryOperation.Options.parseFormat(a.option("format").orElse("table"));
                new QueryOperation().run(new QueryOperation.Options(Path.of(a.positionals().get(0)), release, format,
                        org.w3id.mevo.core.Prefixes.load(layout.prefixes())),
                        System.out);
                return 0;
            }
            case "refresh-imports" -> {
                a.noPositionals();
                Path sources = Path.of(a.option("sources").orElseThrow(() -> new MevoException(
                        "refresh-imports needs --sources DIR (the folder holding the pinned source files named in ontology/imports/sources.tsv)")));
                Path cache = Path.of(a.option("cache").orElse("target/import-sources"));
                var r = new org.w3id.mevo.curate.RefreshImportsOperation(log).run(new org.w3id.mevo.curate.RefreshImportsOperation.Options(
                        layout.importsDir(), sources, cache, layout.prefixes(),
                        layout.ontologyDir().resolve("components").resolve("external-placements.ttl")));
                log.info("refresh-imports took " + r.ms() + " ms");
                return 0;
            }
            case "resolve-ids" -> {
                a.noPositionals();
                var e = org.w3id.mevo.resolve.Eutils.Options.ncbi();
                e = new org.w3id.mevo.resolve.Eutils.Options(a.option("eutils").orElse(e.baseUrl()), e.delay(), e.tool(),
                        a.option("email").orElse(""));
                new org.w3id.mevo.resolve.ResolveIdsOperation(log).run(new org.w3id.mevo.resolve.ResolveIdsOperation.Options(
                        layout.referencesDir().resolve("review-references.tsv"), e, java.time.LocalDate.now(),
                        Integer.parseInt(a.option("limit").orElse("0"))));
                return 0;
            }
            // ---- ./mevo bench: the performance harness (package org.w3id.mevo.bench, see BENCHMARKS.md) ----
            case "synth" -> {
                a.noPositionals();
                Path into = Path.of(a.option("into").orElseThrow(() -> new MevoException("synth needs --into DIR (a new folder)")));
                var l = org.w3id.mevo.bench.SyntheticProject.create(new org.w3id.mevo.bench.SyntheticProject.Options(layout, into,
                        Integer.parseInt(a.option("claims").orElse("100000")), Long.parseLong(a.option("seed").orElse("42"))));
                log.info("synthetic project written to " + l.root() + "; build it with ./mevo build --project " + l.root());
                return 0;
            }
            case "bench-scaling" -> {
                a.noPositionals();
                List<Integer> sizes = intList(a.option("sizes").orElse("1000,10000,100000"));
                Path work = java.nio.file.Files.createTempDirectory("mevo-scaling");
                var rows = new org.w3id.mevo.bench.ScalingBenchmark(log).run(new org.w3id.mevo.bench.ScalingBenchmark.Options(layout, sizes,
                        Long.parseLong(a.option("seed").orElse("42")), Integer.parseInt(a.option("hermit-up-to").orElse("10000")), work));
                StringBuilder sb = new StringBuilder("claims\tindividuals\tcurate_ms\trealisation\treason_ms\tinferred_types\tpeak_heap_mb\n");
                rows.forEach(r -> sb.append(r.tsv()).append('\n'));
                System.out.print(sb);
                java.nio.file.Files.writeString(Path.of(a.option("out").orElse("BENCHMARKS-scaling.tsv")), sb.toString());
                return 0;
            }
            case "bench" -> {
                a.noPositionals();
                org.w3id.mevo.bench.BenchOperation.quietRequestLog();
                if (!a.flag("no-build") && !Pipeline.isCurrent(layout, release)) {
                    log.info("release missing or older than the curated files: building first");
                    new Pipeline(log).build(new Pipeline.Options(layout, release));
                }
                var options = org.w3id.mevo.bench.BenchOperation.Options.all(layout, release,
                        Path.of(a.option("out").orElse("BENCHMARKS-results.tsv")),
                        Integer.parseInt(a.option("rounds").orElse("3")),
                        java.time.Duration.ofSeconds(Long.parseLong(a.option("seconds").orElse("10"))));
                if (a.option("only").isPresent()) options = options.only(a.option("only").get());
                if (a.option("clients").isPresent()) options = options.levels(intList(a.option("clients").get()));
                var result = new org.w3id.mevo.bench.BenchOperation(log).run(options);
                return result.ok() ? 0 : 1;
            }
            case "bench-load" -> {
                a.noPositionals();
                org.w3id.mevo.bench.BenchOperation.quietRequestLog();
                String endpoint = a.option("endpoint").orElse(null);
                if (endpoint == null && !a.flag("no-build") && !Pipeline.isCurrent(layout, release)) {
                    log.info("release missing or older than the curated files: building first");
                    new Pipeline(log).build(new Pipeline.Options(layout, release));
                }
                var r = new org.w3id.mevo.bench.LoadTestOperation(log, System.out, System.err).run(
                        new org.w3id.mevo.bench.LoadTestOperation.Options(layout, release, endpoint, !a.flag("no-cache"),
                                Integer.parseInt(a.option("clients").orElse("32")),
                                java.time.Duration.ofSeconds(Long.parseLong(a.option("seconds").orElse("60"))),
                                a.option("max-p99").map(Double::parseDouble).orElse(Double.NaN),
                                java.time.Duration.ofSeconds(Long.parseLong(a.option("warmup").orElse("48"))),
                                Double.parseDouble(a.option("rate").orElse("0")),
                                a.option("out").map(Path::of).orElse(null)));
                return r.passed() ? 0 : 1;
            }
            case "bench-startup" -> {
                a.noPositionals();
                if (!Pipeline.isCurrent(layout, release)) {
                    log.info("release missing or older than the curated files: building first");
                    new Pipeline(log).build(new Pipeline.Options(layout, release));
                }
                var b = new org.w3id.mevo.bench.ProcessStartupBenchmark(System.err);
                var starts = b.run(new org.w3id.mevo.bench.ProcessStartupBenchmark.Options(layout,
                        Integer.parseInt(a.option("rounds").orElse("3")), a.flag("fresh-clone"), java.time.Duration.ofMinutes(15),
                        java.nio.file.Files.createTempDirectory("mevo-startup")));
                var t = b.table(starts);
                t.print(System.out);
                if (a.option("out").isPresent()) org.w3id.mevo.bench.BenchOperation.writeTables(Path.of(a.option("out").get()), List.of(t));
                return 0;
            }
            // ---- end bench ----
            default -> {
                System.err.print(HELP);
                throw new MevoException("unknown command '" + command + "'");
            }
        }
    }

    private static List<Integer> intList(String csv) {
        List<Integer> out = new ArrayList<>();
        for (String x : csv.split(",")) out.add(Integer.parseInt(x.trim()));
        return out;
    }

    /** Parsed command-line arguments: --name value options, --flag flags, positionals. */
    record Args(Map<String, String> options, List<String> flags, List<String> positionals) {
        static final List<String> FLAGS = List.of("localhost", "persistent", "no-build", "force", "no-cache", "fresh-clone");

        static Args parse(List<String> args) {
            Map<String, String> o = new TreeMap<>();
            List<String> f = new ArrayList<>();
            List<String> p = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String s = args.get(i);
                if (s.startsWith("--")) {
                    String name = s.substring(2);
                    if (FLAGS.contains(name)) { f.add(name); continue; }
                    if (i + 1 >= args.size()) throw new MevoException("option --" + name + " needs a value");
                    o.put(name, args.get(++i));
                } else {
                    p.add(s);
                }
            }
            return new Args(o, f, p);
        }

        java.util.Optional<String> option(String name) { return java.util.Optional.ofNullable(options.get(name)); }

        boolean flag(String name) { return flags.contains(name); }

        void noPositionals() {
            if (!positionals.isEmpty()) throw new MevoException("unexpected argument(s): " + positionals);
        }
    }
}
