package org.w3id.mevo.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.w3id.mevo.core.MevoException;

/**
 * Open-loop load: requests are sent on a fixed schedule ({@code rate} per second, round-robin over the targets)
 * whether or not earlier ones have been answered, as independent users would send them. Each latency is measured
 * from the moment the request was <em>due</em>, so a slow answer or a late sender shows in the numbers instead of
 * quietly lowering the request rate (closed-loop clients wait for each answer, which hides queueing: "coordinated
 * omission"). At most {@code maxInFlight} requests are outstanding; a request due while that many are waiting is
 * counted as an error, not sent. Only 127.0.0.1 is contacted (see {@link HttpLoad.Target}).
 */
final class OpenLoopLoad {
    record Options(double ratePerSecond, Duration duration, int maxInFlight, Duration requestTimeout) {
        Options {
            if (!(ratePerSecond > 0) || ratePerSecond > 100_000) throw new MevoException("--rate must be between 0 and 100,000 requests/s");
            if (maxInFlight < 1) throw new MevoException("maxInFlight must be >= 1");
        }
    }

    private static final int MAX_ERROR_SAMPLES = 5;
    private final HttpClient client;

    OpenLoopLoad(HttpClient client) { this.client = client; }

    HttpLoad.Outcome run(List<HttpLoad.Target> targets, Options o) {
        if (targets.isEmpty()) throw new MevoException("no benchmark targets");
        List<HttpRequest> requests = targets.stream().map(t -> HttpLoad.request(t.uri(), o.requestTimeout())).toList();
        Recorder rec = new Recorder(targets.size());
        Semaphore inFlight = new Semaphore(o.maxInFlight());
        long interval = Math.max(1, Math.round(1e9 / o.ratePerSecond()));
        long total = Math.max(1, Math.round(o.ratePerSecond() * o.duration().toNanos() / 1e9));
        long t0 = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = t0 + i * interval;
            for (long wait; (wait = due - System.nanoTime()) > 0; ) LockSupport.parkNanos(wait);
            int t = (int) (i % requests.size());
            rec.started();
            if (!inFlight.tryAcquire()) {
                rec.error(t, targets.get(t).name() + ": not sent, " + o.maxInFlight() + " requests already outstanding");
                continue;
            }
            client.sendAsync(requests.get(t), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((resp, ex) -> {
                try {
                    double ms = Stats.nanosToMs(System.nanoTime() - due);
                    if (ex != null) rec.error(t, targets.get(t).name() + ": " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
                    else if (resp.statusCode() == 200 && resp.body().length > 0)
                        rec.ok(t, ms, "hit".equals(resp.headers().firstValue(org.w3id.mevo.serve.ResultCache.HEADER).orElse(null)));
                    else rec.error(t, targets.get(t).name() + ": HTTP " + resp.statusCode() + " "
                            + new String(resp.body(), 0, Math.min(resp.body().length, 200), StandardCharsets.UTF_8).strip());
                } finally {
                    inFlight.release();
                }
            });
        }
        try {
            long waitMs = o.requestTimeout().toMillis() + 10_000;
            if (!inFlight.tryAcquire(o.maxInFlight(), waitMs, TimeUnit.MILLISECONDS))
                throw new MevoException("open-loop requests did not finish within " + waitMs + " ms after the last was sent");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MevoException("benchmark interrupted", e);
        }
        return rec.outcome(targets, (System.nanoTime() - t0) / 1e9);
    }

    /** Latencies and errors per target, written from the HTTP client's threads. */
    private static final class Recorder {
        private final double[][] latencies;
        private final int[] sizes, errors;
        private final List<String> samples = new ArrayList<>();
        private int requests, hits;

        Recorder(int targets) {
            latencies = new double[targets][64];
            sizes = new int[targets];
            errors = new int[targets];
        }

        synchronized void started() { requests++; }

        synchronized void ok(int t, double ms, boolean hit) {
            if (sizes[t] == latencies[t].length) latencies[t] = Arrays.copyOf(latencies[t], sizes[t] * 2);
            latencies[t][sizes[t]++] = ms;
            if (hit) hits++;
        }

        synchronized void error(int t, String what) {
            errors[t]++;
            if (samples.size() < MAX_ERROR_SAMPLES) samples.add(what);
        }

        synchronized HttpLoad.Outcome outcome(List<HttpLoad.Target> targets, double seconds) {
            List<double[]> l = new ArrayList<>();
            for (int t = 0; t < latencies.length; t++) l.add(Arrays.copyOf(latencies[t], sizes[t]));
            int errs = Arrays.stream(errors).sum();
            return new HttpLoad.Outcome(List.copyOf(targets), List.copyOf(l), requests, errs,
                    Arrays.stream(errors).boxed().toList(), List.copyOf(samples), seconds, hits);
        }
    }
}
