package org.w3id.mevo.core;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One log line per pipeline step, with counts and wall time, ROBOT style:
 * {@code [mevo] reason        1234 ms  classes=512 inferred-subclass=803 ...}.
 */
public final class StepLog {
    /** Told about every finished step (name, wall time, counts), e.g. by {@code ./mevo bench}; the printed line is unchanged. */
    @FunctionalInterface
    public interface Listener {
        void stepDone(String name, long elapsedMs, String counts);
    }

    private static final Listener NONE = (name, elapsedMs, counts) -> {};

    private final PrintStream out;
    private final Listener listener;

    public StepLog(PrintStream out) { this(out, NONE); }

    public StepLog(PrintStream out, Listener listener) {
        this.out = out;
        this.listener = listener == null ? NONE : listener;
    }

    public static StepLog stderr() { return new StepLog(System.err); }

    public static StepLog silent() {
        return new StepLog(new PrintStream(java.io.OutputStream.nullOutputStream()));
    }

    /** Starts timing a step; close the returned handle with its counts. */
    public Step start(String name) { return new Step(name, System.nanoTime()); }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU time of the calling thread, ns (-1 when the JVM cannot tell). */
    private static long threadCpu() {
        try {
            return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }

    public void info(String message) { out.println("[mevo] " + message); }

    public final class Step {
        private final String name;
        private final long t0;
        private long elapsedMs = -1;

        private final long cpu0 = threadCpu();

        private Step(String name, long t0) { this.name = name; this.t0 = t0; }

        /** Ends the step and prints its line; {@code counts} is "key=value ..." text. */
        public long done(String counts) {
            elapsedMs = (System.nanoTime() - t0) / 1_000_000;
            synchronized (StepLog.this) { // the build's profile check finishes on a thread of its own
                // cpu-ms: CPU time of the step's own thread (GC and other threads excluded); on a shared machine the
                // wall time also measures everything else that runs
                long cpu1 = threadCpu();
                String cpu = cpu0 >= 0 && cpu1 >= 0 ? " cpu-ms=" + (cpu1 - cpu0) / 1_000_000 : "";
                out.println(String.format(Locale.ROOT, "[mevo] %-12s %7d ms  %s%s", name, elapsedMs, counts, cpu));
                listener.stepDone(name, elapsedMs, counts);
            }
            return elapsedMs;
        }

        public long elapsedMs() { return elapsedMs; }
    }
}
