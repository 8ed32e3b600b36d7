package org.w3id.mevo.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.w3id.mevo.core.MevoException;

/**
 * The load generator shared by the query and overhead benchmarks: {@code clients} threads send SPARQL GET requests
 * (Accept: application/sparql-results+json) round-robin over the targets until a fixed number of requests has been
 * started or the time is up, whichever comes first. Every request has a timeout; only 127.0.0.1 is ever contacted.
 */
public final class HttpLoad {
    public static final String ACCEPT = "application/sparql-results+json";

    /** One request to repeat; the URI must point at 127.0.0.1. */
    public record Target(String name, URI uri) {
        public Target {
            if (!"127.0.0.1".equals(uri.getHost()))
                throw new MevoException("benchmark traffic stays on 127.0.0.1, not " + uri.getHost());
        }
    }

    /** @param maxRequests requests to start at most; @param maxTime no request starts after this */
    public record Limits(int clients, int maxRequests, Duration maxTime, Duration requestTimeout) {
        public Limits {
            if (clients < 1 || maxRequests < 1) throw new IllegalArgumentException("clients and maxRequests must be >= 1");
        }
    }

    /**
     * @param latencyMs per target (same order as targets), latency of every successful request in milliseconds
     * @param errorsByTarget failed requests per target (same order as targets)
     * @param errorSamples the first few errors (status or exception), for the report
     * @param cacheHits successful answers the server marked as coming from its result cache (X-MEVO-Cache: hit)
     */
    public record Outcome(List<Target> targets, List<double[]> latencyMs, int requests, int errors,
                          List<Integer> errorsByTarget, List<String> errorSamples, double seconds, int cacheHits) {
        public int ok() { return requests - errors; }

        /** Successful requests per second. */
        public double throughput() { return seconds > 0 ? ok() / seconds : Double.NaN; }

        public double[] allLatencies() {
            return latencyMs.stream().flatMapToDouble(Arrays::stream).toArray();
        }

        public Stats.Summary summary() { return Stats.Summary.of(allLatencies()); }

        public Stats.Summary summary(int target) { return Stats.Summary.of(latencyMs.get(target)); }
    }

    private static final int MAX_ERROR_SAMPLES = 5;
    private static final String CACHE_HEADER = org.w3id.mevo.serve.ResultCache.HEADER;
    private final HttpClient client;

    public HttpLoad(HttpClient client) { this.client = client; }

    /** HTTP/1.1 (no h2c upgrade), never through a proxy. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public HttpClient client() { return client; }

    /** A SPARQL protocol GET URI: {@code endpoint?query=...}. */
    public static URI queryUri(String endpoint, String query) {
        return URI.create(endpoint + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    public static HttpRequest request(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri).GET().header("Accept", ACCEPT).timeout(timeout).build();
    }

    public Outcome run(List<Target> targets, Limits limits) {
        if (targets.isEmpty()) throw new MevoException("no benchmark targets");
        List<HttpRequest> requests = targets.stream().map(t -> request(t.uri(), limits.requestTimeout())).toList();
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        long deadline = t0 + limits.maxTime().toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(limits.clients(), r -> {
            Thread t = new Thread(r, "mevo-bench-client");
            t.setDaemon(true);
            return t;
        });
        List<Future<Worker>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < limits.clients(); i++) {
                Worker w = new Worker(targets.size());
                futures.add(pool.submit(() -> w.loop(targets, requests, next, limits.maxRequests(), deadline)));
            }
            pool.shutdown();
            long waitMs = limits.maxTime().toMillis() + limits.requestTimeout().toMillis() + 10_000;
            if (!pool.awaitTermination(waitMs, TimeUnit.MILLISECONDS))
                throw new MevoException("benchmark clients did not finish within " + waitMs + " ms");
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<Worker> done = new ArrayList<>();
            for (Future<Worker> f : futures) done.add(f.get());
            return merge(targets, done, seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MevoException("benchmark interrupted", e);
        } catch (ExecutionException e) {
            throw new MevoException("benchmark client failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The warm-up runs and the throughput of each, in order. */
    public record WarmUp(List<Outcome> chunks) {
        public int requests() { return chunks.stream().mapToInt(Outcome::requests).sum(); }

        public int errors() { return chunks.stream().mapToInt(Outcome::errors).sum(); }

        public double seconds() { return chunks.stream().mapToDouble(Outcome::seconds).sum(); }

        public String throughputs() {
            return chunks.stream().map(o -> String.valueOf(Math.round(o.throughput()))).collect(java.util.stream.Collectors.joining(" / "));
        }
    }

    /**
     * Warms the JIT: runs of {@code chunk} length at {@code clients} clients until two consecutive runs' throughput
     * differs by less than {@code tolerance} (e.g. 0.05), or {@code maxTime} of warm-up has passed, whichever first.
     */
    public WarmUp warmUp(List<Target> targets, int clients, Duration chunk, Duration maxTime, double tolerance, Duration requestTimeout) {
        List<Outcome> chunks = new ArrayList<>();
        long deadline = System.nanoTime() + maxTime.toNanos();
        int maxChunks = (int) Math.max(1, maxTime.toMillis() / Math.max(1, chunk.toMillis()));
        Limits limits = new Limits(clients, 1_000_000, chunk, requestTimeout);
        while (chunks.size() < maxChunks && System.nanoTime() < deadline) {
            chunks.add(run(targets, limits));
            int n = chunks.size();
            if (n >= 2) {
                double a = chunks.get(n - 2).throughput(), b = chunks.get(n - 1).throughput();
                if (Math.abs(b - a) <= tolerance * Math.max(a, b)) break;
            }
        }
        return new WarmUp(List.copyOf(chunks));
    }

    private static Outcome merge(List<Target> targets, List<Worker> workers, double seconds) {
        List<double[]> latencies = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) {
            int n = 0;
            for (Worker w : workers) n += w.sizes[t];
            double[] all = new double[n];
            int k = 0;
            for (Worker w : workers) {
                System.arraycopy(w.latencies[t], 0, all, k, w.sizes[t]);
                k += w.sizes[t];
            }
            latencies.add(all);
        }
        int requests = 0, errors = 0, hits = 0;
        int[] byTarget = new int[targets.size()];
        List<String> samples = new ArrayList<>();
        for (Worker w : workers) {
            requests += w.requests;
            hits += w.cacheHits;
            for (int t = 0; t < byTarget.length; t++) {
                byTarget[t] += w.errors[t];
                errors += w.errors[t];
            }
            for (String s : w.errorSamples) if (samples.size() < MAX_ERROR_SAMPLES) samples.add(s);
        }
        return new Outcome(List.copyOf(targets), List.copyOf(latencies), requests, errors,
                Arrays.stream(byTarget).boxed().toList(), List.copyOf(samples), seconds, hits);
    }

    /** One client: sends its requests one after another and keeps its own latencies (no shared state but the counter). */
    private final class Worker {
        final double[][] latencies;
        final int[] sizes;
        final int[] errors;
        int requests;
        int cacheHits;
        final List<String> errorSamples = new ArrayList<>();

        Worker(int targets) {
            latencies = new double[targets][64];
            sizes = new int[targets];
            errors = new int[targets];
        }

        Worker loop(List<Target> targets, List<HttpRequest> reqs, AtomicInteger next, int maxRequests, long deadline) {
            while (System.nanoTime() < deadline) {
                int i = next.getAndIncrement();
                if (i >= maxRequests) break;
                int t = i % reqs.size();
                HttpRequest req = reqs.get(t);
                requests++;
                long s = System.nanoTime();
                try {
                    HttpResponse<byte[]> resp = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
                    long elapsed = System.nanoTime() - s;
                    if (resp.statusCode() == 200 && resp.body().length > 0) {
                        add(t, Stats.nanosToMs(elapsed));
                        if ("hit".equals(resp.headers().firstValue(CACHE_HEADER).orElse(null))) cacheHits++;
                    }
                    else error(t, targets.get(t).name() + ": HTTP " + resp.statusCode() + " "
                            + new String(resp.body(), 0, Math.min(resp.body().length, 200), StandardCharsets.UTF_8).strip());
                } catch (IOException e) {
                    error(t, targets.get(t).name() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return this;
        }

        private void add(int t, double ms) {
            if (sizes[t] == latencies[t].length) latencies[t] = Arrays.copyOf(latencies[t], sizes[t] * 2);
            latencies[t][sizes[t]++] = ms;
        }

        private void error(int t, String what) {
            errors[t]++;
            if (errorSamples.size() < MAX_ERROR_SAMPLES) errorSamples.add(what);
        }
    }
}
