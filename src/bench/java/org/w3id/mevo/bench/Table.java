package org.w3id.mevo.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** One result table: printed aligned on the console, written as a TSV block (a {@code # title} line, header, rows). */
public final class Table {
    private final String title;
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String title, String... headers) {
        this.title = title;
        this.headers = List.of(headers);
    }

    /** Adds a row; doubles are written with one decimal (NaN as "-"), everything else with toString. */
    public Table row(Object... cells) {
        if (cells.length != headers.size())
            throw new IllegalArgumentException(title + ": row has " + cells.length + " cells, table has " + headers.size() + " columns");
        List<String> r = new ArrayList<>();
        for (Object c : cells) r.add(cell(c));
        rows.add(Collections.unmodifiableList(r));
        return this;
    }

    /** A row "name, median, min, max, v1 / v2 / ..." of one measure over benchmark rounds (whole numbers). */
    public <R> Table roundsRow(String name, List<R> rounds, java.util.function.ToDoubleFunction<R> measure) {
        List<Double> v = Stats.values(rounds, measure);
        return row(name, whole(Stats.median(v)), whole(Stats.min(v)), whole(Stats.max(v)),
                v.stream().map(d -> String.valueOf(Math.round(d))).collect(java.util.stream.Collectors.joining(" / ")));
    }

    public String title() { return title; }

    public List<String> headers() { return headers; }

    public List<List<String>> rows() { return Collections.unmodifiableList(rows); }

    static String cell(Object c) {
        if (c == null) return "-";
        if (c instanceof Double || c instanceof Float) {
            double d = ((Number) c).doubleValue();
            return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.1f", d);
        }
        return c.toString();
    }

    /** A whole number (milliseconds, MiB), "-" for NaN. */
    static Object whole(double d) { return Double.isNaN(d) ? "-" : (Object) Math.round(d); }

    /** Two decimals, for ratios. */
    static String ratio(double d) { return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.2f", d); }

    public void print(PrintStream out) {
        int[] w = new int[headers.size()];
        for (int i = 0; i < w.length; i++) w[i] = headers.get(i).length();
        for (List<String> r : rows) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], r.get(i).length());
        out.println();
        out.println("== " + title);
        line(out, headers, w);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < w.length; i++) rule.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
        out.println(rule);
        for (List<String> r : rows) line(out, r, w);
    }

    private static void line(PrintStream out, List<String> cells, int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            if (i > 0) sb.append("  ");
            String c = cells.get(i);
            String pad = " ".repeat(w[i] - c.length());
            sb.append(i == 0 ? c + pad : pad + c);
        }
        out.println(sb.toString().stripTrailing());
    }

    /** The TSV block of this table; tabs and newlines inside cells become spaces. */
    public String tsv() {
        StringBuilder sb = new StringBuilder("# ").append(title).append('\n');
        var w = new org.w3id.mevo.curate.TsvFile.Writer().row(headers);
        rows.forEach(w::row);
        return sb.append(w).toString();
    }
}
