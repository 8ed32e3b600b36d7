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
            List<String> cells = List.of(line.split("\t", -1));
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

    /** Index of a named column, or a located error naming the missing column. */
    public int column(String name) {
        int i = header.indexOf(name);
        if (i < 0) throw new CurationException(path, 1, "header", "missing required column '" + name + "'");
        return i;
    }
}
