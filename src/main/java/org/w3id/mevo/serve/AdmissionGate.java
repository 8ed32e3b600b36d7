package org.w3id.mevo.serve;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.jena.fuseki.servlets.ServletOps;

/**
 * Admission control for query execution: at most {@code permits} queries are parsed, executed and written at once;
 * the others wait in arrival order (a fair semaphore) for up to {@code waitMillis}, then get HTTP 503 with a message
 * saying the server is busy. Without it, every request Jetty accepts runs at once: on a 2-core machine 32 concurrent
 * queries share the cores (processor sharing); with a gate each query waits for the ones before it and then runs at
 * full speed, and the server's memory and threads are bounded whatever the load. Off by default: measured on the real
 * knowledge base (bench/BENCHMARKS.md, "Admission control"), a gate of 2 turns on 2 cores lowered throughput at 32
 * clients by about 20 % without lowering p99 there; it is for deployments that need bounded concurrency more.
 *
 * <p>Settings (fuseki-config, {@link ServerSettings}): {@value ServerSettings#MAX_CONCURRENT_QUERIES} (0 = no gate)
 * and {@value ServerSettings#QUEUE_WAIT_MILLIS}.
 */
final class AdmissionGate {
    private final Semaphore permits;
    private final long waitMillis;

    /** @param permits queries admitted at once (0 = every query at once, no gate) */
    AdmissionGate(int permits, long waitMillis) {
        this.permits = permits == 0 ? null : new Semaphore(permits, true);
        this.waitMillis = waitMillis;
    }

    /** A query admitted: close it when its answer is written (or failed). */
    interface Ticket extends AutoCloseable {
        @Override
        void close();
    }

    private static final Ticket NONE = () -> {};

    /** Waits for a turn; HTTP 503 when none comes within the wait bound (or the request thread is interrupted). */
    Ticket enter() {
        if (permits == null) return NONE;
        boolean in;
        try {
            in = permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            in = false;
        }
        if (!in) ServletOps.error(503, busy(waitMillis));
        return permits::release;
    }

    static String busy(long waitMillis) {
        return "MEVO: the server is busy: this query waited " + waitMillis + " ms for its turn and did not get one. "
                + "Retry later, or run it against a downloaded copy of the data (/download/).";
    }

    /** Queries waiting for a turn now (an estimate, for the server status). */
    int waiting() { return permits == null ? 0 : permits.getQueueLength(); }
}
