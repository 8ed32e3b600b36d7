package org.w3id.mevo.curate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.w3id.mevo.core.CurationException;

/**
 * A tab-separated table as curators write it: a header row, then records. Lines starting with '#'
 * and blank lines are skipped; every record keeps its 1-based line number for error messages.
 *
 * <p>The format has no quoting: a line is split at every tab ({@link #cells(String)}). So that what is written reads
 * back cell for cell, the writer ({@link #line}, {@link Writer}) turns a tab or a line feed inside a cell into a space,
 * and an absent (null) cell into an empty one. Every TSV the code writes (report.tsv, {@code ./mevo query --format tsv},
 * {@code ./mevo resolve-ids}, the benchmark tables) goes through it.
 */
public record TsvFile(Path path, List<String> header, List<Row> rows) {

    public record Row(long line, List<String> cells) {
        public String cell(int i) { return i < cells.size() ? cells.get(i).trim() : ""; }
    }

    public static TsvFile read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CurationException(path, 0, null, "cannot read: " + e.getMessage(), e);
        }
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            if (line.isBlank() || line.startsWith("#")) continue;
            List<String> cells = cells(line);
            if (header == null) {
                header = cells.stream().map(String::trim).toList();
                continue;
            }
            if (cells.size() != header.size())
                throw new CurationException(path, i + 1, "row",
                        "has " + cells.size() + " cells but the header has " + header.size() + " columns");
            rows.add(new Row(i + 1, cells));
        }
        if (header == null) throw new CurationException(path, 1, null, "empty table: no header row");
        return new TsvFile(path, header, rows);
    }

    /** The cells of one line, split at every tab (an empty line is one empty cell). */
    public static List<String> cells(String line) { return List.of(line.split("\t", -1)); }

    /** A cell as written: tabs and line feeds become spaces (they would split the cell or the row); null is empty. */
    public static String cell(String text) { return text == null ? "" : text.replace('\t', ' ').replace('\n', ' '); }

    /** One row as written, without its line end: every cell through {@link #cell(String)}, joined by tabs. */
    public static String line(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) sb.append('\t');
            sb.append(cell(cells.get(i)));
        }
        return sb.toString();
    }

    public static String line(String... cells) { return line(java.util.Arrays.asList(cells)); }

    /** Rows written one after another, each ending in a line feed. */
    public static final class Writer {
        private final StringBuilder text = new StringBuilder();

        public Writer row(List<String> cells) { text.append(line(cells)).append('\n'); return this; }

        public Writer row(String... cells) { return row(java.util.Arrays.asList(cells)); }

        /** A line written as it is (a comment or blank line kept from the file being rewritten). */
        public Writer verbatim(String line) { text.append(line).append('\n'); return this; }

        @Override public String toString() { return text.toString(); }

        /** Writes the rows to {@code file}, replacing it in one step (a temporary file beside it, then a rename). */
        public void writeTo(Path file) {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new org.w3id.mevo.core.MevoException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Index of a named column, or a located error naming the missing column. */
    public int column(String name) {
        int i = header.indexOf(name);
        if (i < 0) throw new CurationException(path, 1, "header", "missing required column '" + name + "'");
        return i;
    }
}
