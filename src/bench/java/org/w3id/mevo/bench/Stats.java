package org.w3id.mevo.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The one statistics helper of the benchmarks: nearest-rank percentiles (the value at rank ceil(p/100 * n) of the sorted
 * sample, so every reported number is a measured value) and the median as the 50th percentile.
 */
public final class Stats {
    private Stats() {}

    /** Summary of one sample; NaN everywhere when the sample is empty. */
    public record Summary(int n, double min, double p50, double p95, double p99, double max, double mean) {
        public static Summary of(double[] values) {
            if (values.length == 0) return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            double[] s = values.clone();
            Arrays.sort(s);
            double sum = 0;
            for (double v : s) sum += v;
            return new Summary(s.length, s[0], ofSorted(s, 50), ofSorted(s, 95), ofSorted(s, 99), s[s.length - 1], sum / s.length);
        }
    }

    /** Nearest-rank percentile, {@code 0 < p <= 100}. */
    public static double percentile(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        return ofSorted(s, p);
    }

    public static double median(double[] values) { return percentile(values, 50); }

    public static double median(Collection<? extends Number> values) { return median(toArray(values)); }

    /** One measure of each round, in order. */
    public static <R> List<Double> values(List<R> rounds, ToDoubleFunction<R> measure) {
        return rounds.stream().map(r -> measure.applyAsDouble(r)).toList();
    }

    /** Median over rounds of one measure. */
    public static <R> double median(List<R> rounds, ToDoubleFunction<R> measure) { return median(values(rounds, measure)); }

    public static double min(Collection<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).min().orElse(Double.NaN);
    }

    public static double max(Collection<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).max().orElse(Double.NaN);
    }

    public static double[] toArray(Collection<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).toArray();
    }

    public static double nanosToMs(long nanos) { return nanos / 1_000_000.0; }

    private static double ofSorted(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        if (!(p > 0 && p <= 100)) throw new IllegalArgumentException("percentile out of range: " + p);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(1, Math.min(rank, sorted.length)) - 1];
    }
}
