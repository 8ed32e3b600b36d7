package org.w3id.mevo.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling with a bound: every wait in the tests ends, and a timeout names what was awaited. */
public final class Await {
    private Await() {}

    /**
     * Polls {@code probe} every {@code every} until it returns non-null, and returns that. A {@link RuntimeException}
     * from the probe counts as "not yet" (its message is reported on timeout); an {@link AssertionError} (a test's
     * {@code fail()}) stops the wait at once.
     */
    public static <T> T until(String what, Duration max, Duration every, Supplier<T> probe) {
        long deadline = System.nanoTime() + max.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                T t = probe.get();
                if (t != null) return t;
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline)
                throw new AssertionError("timed out after " + max.toSeconds() + " s waiting for " + what
                        + (last == null ? "" : " (last error: " + last.getMessage() + ")"));
            sleep(every, what);
        }
    }

    /** {@link #until(String, Duration, Duration, Supplier)} polling every 200 ms. */
    public static <T> T until(String what, Duration max, Supplier<T> probe) {
        return until(what, max, Duration.ofMillis(200), probe);
    }

    /** Polls {@code condition} every 50 ms until it holds; fails naming {@code what} after {@code max}. */
    public static void condition(Duration max, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + max.toSeconds() + " s waiting for " + what);
            sleep(Duration.ofMillis(50), what);
        }
    }

    private static void sleep(Duration d, String what) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what);
        }
    }
}
