package org.w3id.mevo.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.assembler.JA;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RiotException;
import org.w3id.mevo.core.MevoException;

/**
 * MEVO's own server settings: the {@code ja:context [ ja:cxtName "mevo:..." ; ja:cxtValue "..." ]} entries of a Fuseki
 * assembler file in {@code fuseki-config/}, read once when the server starts. One error policy for all of them: an
 * absent setting takes the default documented here (and in the file's comments); a malformed or out-of-range value,
 * or a setting given twice, is a {@link MevoException} naming the file, the setting and the value.
 *
 * @param file               the assembler file the settings were read from
 * @param resultCap          {@value #RESULT_CAP}: most rows a SELECT may return (default {@value #DEFAULT_RESULT_CAP})
 * @param maxQueryLength     {@value #MAX_QUERY_LENGTH}: longest query text accepted, in characters (default
 *                           {@value #DEFAULT_MAX_QUERY_LENGTH})
 * @param serviceAllowList   {@value #SERVICE_ALLOW_LIST}: the only endpoints a SERVICE call may go to (whitespace-separated
 *                           IRIs; default none)
 * @param cache              {@value #CACHE_BYTES} and {@value #CACHE_ENTRY_BYTES}: the query-result cache's total and
 *                           per-answer size in bytes (default 0 = off; the entry size defaults to the smaller of the total
 *                           and 1 MiB)
 * @param maxConcurrentQueries {@value #MAX_CONCURRENT_QUERIES}: queries executed at once, the others wait their turn
 *                           in arrival order ({@link AdmissionGate}; default 0 = no limit: on the real knowledge base a
 *                           limit of 2 on 2 cores cost throughput at 32 clients and did not lower p99, see
 *                           bench/BENCHMARKS.md)
 * @param queueWaitMillis    {@value #QUEUE_WAIT_MILLIS}: longest wait for a turn before HTTP 503 (default
 *                           {@value #DEFAULT_QUEUE_WAIT_MILLIS})
 */
public record ServerSettings(Path file, long resultCap, long maxQueryLength, List<String> serviceAllowList,
                             ResultCache.Settings cache, int maxConcurrentQueries, long queueWaitMillis) {
    public static final String RESULT_CAP = "mevo:resultCap";
    public static final String MAX_QUERY_LENGTH = "mevo:maxQueryLength";
    public static final String SERVICE_ALLOW_LIST = "mevo:serviceAllowList";
    public static final String CACHE_BYTES = "mevo:resultCacheBytes";
    public static final String CACHE_ENTRY_BYTES = "mevo:resultCacheEntryBytes";
    public static final String MAX_CONCURRENT_QUERIES = "mevo:maxConcurrentQueries";
    public static final String QUEUE_WAIT_MILLIS = "mevo:queueWaitMillis";

    public static final long DEFAULT_RESULT_CAP = 10_000;
    public static final long DEFAULT_MAX_QUERY_LENGTH = 524_288;
    static final long DEFAULT_CACHE_ENTRY_BYTES = 1L << 20;
    public static final long DEFAULT_QUEUE_WAIT_MILLIS = 10_000;

    public ServerSettings {
        serviceAllowList = List.copyOf(serviceAllowList);
    }

    /** Reads the settings of the assembler file {@code file}. */
    public static ServerSettings read(Path file) {
        Model m;
        try {
            m = RDFDataMgr.loadModel(file.toString());
        } catch (RiotException e) {
            throw new MevoException(file + ": not a readable Fuseki configuration: " + e.getMessage(), e);
        }
        return read(file, m);
    }

    /** Reads the settings from {@code config}, the parsed content of {@code file} (named in error messages). */
    public static ServerSettings read(Path file, Model config) {
        Reader r = new Reader(file, config);
        long cacheBytes = r.number(CACHE_BYTES, 0, 0, Long.MAX_VALUE, "a whole number of bytes (0 = off)");
        long entryBytes = r.number(CACHE_ENTRY_BYTES, Math.min(cacheBytes, DEFAULT_CACHE_ENTRY_BYTES), 0, Long.MAX_VALUE,
                "a whole number of bytes (0 = off)");
        return new ServerSettings(file,
                r.number(RESULT_CAP, DEFAULT_RESULT_CAP, 1, Integer.MAX_VALUE, "a whole number of rows"),
                r.number(MAX_QUERY_LENGTH, DEFAULT_MAX_QUERY_LENGTH, 1, Integer.MAX_VALUE, "a whole number of characters"),
                r.iris(SERVICE_ALLOW_LIST),
                new ResultCache.Settings(cacheBytes, entryBytes),
                (int) r.number(MAX_CONCURRENT_QUERIES, 0, 0, 10_000,
                        "a whole number of queries (0 = no limit)"),
                r.number(QUEUE_WAIT_MILLIS, DEFAULT_QUEUE_WAIT_MILLIS, 0, 3_600_000, "a whole number of milliseconds"));
    }

    /** The same settings with {@code extra} added to the SERVICE allow-list (tests admit their loopback stand-ins so). */
    public ServerSettings withServiceAllowList(List<String> extra) {
        List<String> all = new ArrayList<>(serviceAllowList);
        all.addAll(extra);
        return new ServerSettings(file, resultCap, maxQueryLength, all, cache, maxConcurrentQueries, queueWaitMillis);
    }

    /** The same settings with the query-result cache off. */
    public ServerSettings withoutResultCache() {
        return new ServerSettings(file, resultCap, maxQueryLength, serviceAllowList, ResultCache.Settings.OFF,
                maxConcurrentQueries, queueWaitMillis);
    }

    /** Finds {@code ja:context} entries by {@code ja:cxtName} anywhere in the file (server or service level). */
    private record Reader(Path file, Model m) {
        /** The lexical value of the setting, or null when the file does not set it. */
        String text(String name) {
            List<Resource> entries = m.listSubjectsWithProperty(JA.cxtName, name).toList();
            if (entries.isEmpty()) return null;
            if (entries.size() > 1) throw error(name, "is set " + entries.size() + " times; set it once");
            Statement v = entries.get(0).getProperty(JA.cxtValue);
            if (v == null) throw error(name, "has no ja:cxtValue");
            if (!v.getObject().isLiteral()) throw error(name, "ja:cxtValue '" + v.getObject() + "' must be a literal");
            return v.getString().trim();
        }

        long number(String name, long dflt, long min, long max, String what) {
            String t = text(name);
            if (t == null) return dflt;
            long n;
            try {
                n = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw error(name, "ja:cxtValue '" + t + "' must be " + what);
            }
            if (n < min || n > max)
                throw error(name, "ja:cxtValue '" + t + "' must be " + what + " from " + min + (max == Long.MAX_VALUE ? " up" : " to " + max));
            return n;
        }

        List<String> iris(String name) {
            String t = text(name);
            List<String> out = new ArrayList<>();
            if (t != null) for (String e : t.split("\\s+")) if (!e.isEmpty()) out.add(e);
            return out;
        }

        MevoException error(String name, String problem) {
            return new MevoException(file + ": ja:context " + name + " " + problem);
        }
    }
}
