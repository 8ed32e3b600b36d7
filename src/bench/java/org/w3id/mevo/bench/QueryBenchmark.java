package org.w3id.mevo.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.w3id.mevo.core.MevoException;

/**
 * Query latency benchmark: every competency query, over HTTP GET, against one running server, at each concurrency
 * level (default 1, 8, 32 clients). A level is one bounded run of the mixed query set (round-robin, so every query gets
 * about the same number of requests): at most {@code requestsPerQuery * queries} requests or {@code maxTime}, whichever
 * comes first. A warm-up (until throughput is steady, bounded) runs first and is not counted.
 */
public final class QueryBenchmark {
    /**
     * @param label what is measured, for the table titles (e.g. "result cache off")
     * @param requestsPerQuery a safety bound on requests per level (per query in the set); the time bound normally ends a level
     * @param warmupChunk, warmupMax see {@link HttpLoad#warmUp} (tolerance 3 %, 8 clients)
     */
    public record Options(String label, List<Integer> levels, int requestsPerQuery, Duration maxTime, Duration warmupChunk,
                          Duration warmupMax, Duration requestTimeout) {
        public Options {
            levels = List.copyOf(levels);
            if (levels.isEmpty() || levels.stream().anyMatch(c -> c < 1 || c > 256))
                throw new MevoException("client levels must be between 1 and 256: " + levels);
        }

        public static Options of(String label, List<Integer> levels, Duration maxTime) {
            return new Options(label, levels, 20_000, maxTime, Duration.ofSeconds(4), Duration.ofSeconds(48), Duration.ofSeconds(60));
        }
    }

    public record Level(int clients, HttpLoad.Outcome outcome) {}

    public record Result(String label, List<HttpLoad.Target> targets, HttpLoad.WarmUp warmup, List<Level> levels) {
        public int errors() { return levels.stream().mapToInt(l -> l.outcome().errors()).sum(); }

        public Level level(int clients) {
            return levels.stream().filter(l -> l.clients() == clients).findFirst().orElse(null);
        }

        /** Index of the query with the highest p99 at this level, -1 if none. */
        public int worstP99(int clients) {
            Level l = level(clients);
            if (l == null) return -1;
            int worst = -1;
            for (int i = 0; i < targets.size(); i++)
                if (worst < 0 || l.outcome().summary(i).p99() > l.outcome().summary(worst).p99()) worst = i;
            return worst;
        }

        public Table levelsTable() {
            Table t = new Table("queries (" + label + "): all " + targets.size() + " queries mixed, per concurrency level (latency ms;"
                    + " warm-up not counted, its req/s per chunk shown)",
                    "clients", "requests", "errors", "cache hits", "seconds", "req/s", "p50", "p95", "p99", "max");
            t.row("warm-up 8", warmup.requests(), warmup.errors(), "-", warmup.seconds(), warmup.throughputs(), "-", "-", "-", "-");
            for (Level l : levels) {
                HttpLoad.Outcome o = l.outcome();
                Stats.Summary s = o.summary();
                t.row(l.clients(), o.requests(), o.errors(), o.cacheHits(), o.seconds(), o.throughput(), s.p50(), s.p95(), s.p99(), s.max());
            }
            return t;
        }

        public Table perQueryTable() {
            List<String> h = new ArrayList<>(List.of("query"));
            for (Level l : levels) for (String p : List.of("p50", "p95", "p99")) h.add(p + "@" + l.clients());
            h.add("n/level");
            h.add("errors");
            Table t = new Table("queries (" + label + "): latency per query over HTTP GET, ms (p50/p95/p99 at "
                    + levels.stream().map(l -> String.valueOf(l.clients())).collect(java.util.stream.Collectors.joining(", "))
                    + " clients)", h.toArray(String[]::new));
            for (int i = 0; i < targets.size(); i++) {
                List<Object> row = new ArrayList<>(List.of(targets.get(i).name()));
                int minN = Integer.MAX_VALUE;
                for (Level l : levels) {
                    Stats.Summary s = l.outcome().summary(i);
                    row.add(s.p50());
                    row.add(s.p95());
                    row.add(s.p99());
                    minN = Math.min(minN, s.n());
                }
                row.add(minN == Integer.MAX_VALUE ? 0 : minN);
                final int q = i;
                row.add(levels.stream().mapToInt(l -> l.outcome().errorsByTarget().get(q)).sum());
                t.row(row.toArray());
            }
            List<Object> all = new ArrayList<>(List.of("ALL QUERIES"));
            int minN = Integer.MAX_VALUE;
            for (Level l : levels) {
                Stats.Summary s = l.outcome().summary();
                all.add(s.p50());
                all.add(s.p95());
                all.add(s.p99());
                minN = Math.min(minN, s.n());
            }
            all.add(minN == Integer.MAX_VALUE ? 0 : minN);
            all.add(errors());
            t.row(all.toArray());
            return t;
        }
    }

    private final HttpLoad load;
    private final PrintStream progress;

    public QueryBenchmark(HttpLoad load, PrintStream progress) {
        this.load = load;
        this.progress = progress;
    }

    public Result run(List<HttpLoad.Target> targets, Options o) {
        progress.println("[mevo] bench: query warm-up (8 clients, " + o.warmupChunk().toSeconds() + " s chunks until throughput is steady, at most "
                + o.warmupMax().toSeconds() + " s)");
        HttpLoad.WarmUp warmup = load.warmUp(targets, 8, o.warmupChunk(), o.warmupMax(), 0.03, o.requestTimeout());
        progress.println("[mevo] bench: warm-up req/s per chunk: " + warmup.throughputs());
        List<Level> levels = new ArrayList<>();
        for (int clients : o.levels()) {
            progress.println("[mevo] bench: queries at " + clients + " client(s), up to "
                    + o.requestsPerQuery() * targets.size() + " requests or " + o.maxTime().toSeconds() + " s");
            HttpLoad.Outcome out = load.run(targets, new HttpLoad.Limits(clients, o.requestsPerQuery() * targets.size(), o.maxTime(), o.requestTimeout()));
            for (String e : out.errorSamples()) progress.println("[mevo] bench: error: " + e);
            levels.add(new Level(clients, out));
        }
        return new Result(o.label(), List.copyOf(targets), warmup, List.copyOf(levels));
    }
}
