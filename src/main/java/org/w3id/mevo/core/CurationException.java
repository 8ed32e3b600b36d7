package org.w3id.mevo.core;

import java.nio.file.Path;

/**
 * A defect in curated input, located precisely: file, line and (where known) column or field.
 * The message reads {@code file:line: column 'field': problem}, the form editors and CI logs expect.
 */
public final class CurationException extends MevoException {
    private final Path file;
    private final long line;
    private final String field;

    public CurationException(Path file, long line, String field, String problem) {
        super(format(file, line, field, problem));
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public CurationException(Path file, long line, String field, String problem, Throwable cause) {
        super(format(file, line, field, problem), cause);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    private static String format(Path file, long line, String field, String problem) {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<unknown file>" : file.toString());
        if (line > 0) sb.append(':').append(line);
        sb.append(": ");
        if (field != null && !field.isEmpty()) sb.append(field).append(": ");
        sb.append(problem);
        return sb.toString();
    }

    public Path file() { return file; }
    public long line() { return line; }
    public String field() { return field; }
}
