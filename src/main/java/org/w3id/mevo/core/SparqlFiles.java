package org.w3id.mevo.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;

/**
 * A SPARQL file as MEVO keeps them (checks, flattening rules, competency queries): the query plus
 * {@code # key: value} header comments (level, title, question, ...).
 */
public record SparqlFiles(Path path, String text, Map<String, String> header) {
    /**
     * Time limit of the build's own SPARQL (checks, flattening, service description). Set explicitly on every such
     * execution because a Fuseki started in the same JVM (tests, {@code serve}) puts its endpoint timeout
     * ({@code arq:queryTimeout} in fuseki-config) into ARQ's global context, which would otherwise cancel a slow
     * check on a busy machine and fail the build for no fault of the data.
     */
    public static final long BUILD_QUERY_TIMEOUT_MINUTES = 10;

    /** A build step's execution of {@code query} over {@code ds}, bounded by {@link #BUILD_QUERY_TIMEOUT_MINUTES} (first result and overall). */
    public static QueryExecution buildExecution(Dataset ds, Query query) {
        return QueryExecution.dataset(ds).query(query)
                .initialTimeout(BUILD_QUERY_TIMEOUT_MINUTES, TimeUnit.MINUTES)
                .overallTimeout(BUILD_QUERY_TIMEOUT_MINUTES, TimeUnit.MINUTES).build();
    }

    private static final Pattern HEADER = Pattern.compile("^#\\s*([A-Za-z][A-Za-z0-9_-]*)\\s*:\\s*(.*)$");

    public static SparqlFiles read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MevoException("cannot read " + path + ": " + e.getMessage(), e);
        }
        Map<String, String> header = new LinkedHashMap<>();
        String lastKey = null;
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) break;
            Matcher m = HEADER.matcher(line);
            if (m.matches()) {
                lastKey = m.group(1).toLowerCase(java.util.Locale.ROOT);
                header.merge(lastKey, m.group(2).trim(), (a, b) -> a + " " + b);
            } else if (lastKey != null && line.length() > 1) {
                header.merge(lastKey, line.substring(1).trim(), (a, b) -> a + " " + b);
            }
        }
        return new SparqlFiles(path, text, header);
    }

    /** Parses the query; a syntax error names the file, line and column. */
    public Query query() {
        try {
            return QueryFactory.create(text);
        } catch (QueryParseException e) {
            throw new CurationException(path, e.getLine(), e.getColumn() > 0 ? "column " + e.getColumn() : null,
                    "SPARQL syntax error: " + e.getMessage());
        }
    }

    public String name() {
        String f = path.getFileName().toString();
        return f.endsWith(".rq") ? f.substring(0, f.length() - 3) : f;
    }

    public static List<Path> list(Path dir) { return TextFiles.list(dir, ".rq"); }
}
