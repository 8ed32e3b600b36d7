package org.w3id.mevo.serve;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A bounded, in-memory cache of SPARQL query responses, for one served dataset.
 *
 * <p>The served data is read-only and changes only when a whole new release is switched in, so the answer to a query
 * is a function of (endpoint path, request parameters, {@code Accept} header) for as long as one dataset is served.
 * The server keeps one cache per dataset (in persistent mode, one per database generation: a reload starts with an
 * empty cache, so an answer from the old data can never be served for the new). Only complete {@code 200} answers of
 * GET and form-POST query requests are stored, and only up to {@code maxEntryBytes} each and {@code maxBytes} in all
 * (least recently used first out). Queries that could answer differently on the same data are never cached: any query
 * text containing {@code SERVICE} (remote data), {@code NOW}, {@code RAND}, {@code UUID}, {@code STRUUID} or
 * {@code BNODE} (matched as whole words anywhere in the text, so a false match only means "not cached").
 *
 * <p>The sizes are data, in fuseki-config: {@code ja:context [ ja:cxtName "mevo:resultCacheBytes" ; ja:cxtValue "..." ]}
 * and {@code mevo:resultCacheEntryBytes}, read by {@link ServerSettings}; 0 turns the cache off. Every query answer carries {@code X-MEVO-Cache:
 * hit}, {@code miss} (computed now, stored) or {@code bypass} (computed now, not storable).
 */
public final class ResultCache implements Filter {
    /** Request attribute the query processor sets once an answer has been produced in full. */
    public static final String COMPLETE = "mevo.answerComplete";
    /** Response header saying whether the answer came from the cache. */
    public static final String HEADER = "X-MEVO-Cache";
    /** Whole-word tokens that make a query's answer depend on more than the served data. */
    private static final Pattern VOLATILE = Pattern.compile("(?i)\\b(SERVICE|NOW|RAND|UUID|STRUUID|BNODE)\\b");
    /** Response headers written by the query servlet that belong to the answer and are replayed with it. */
    private static final List<String> KEPT_HEADERS = List.of("Content-Disposition", "Vary");
    /** Book-keeping cost of one entry besides its key and body (bytes, rough). */
    private static final int ENTRY_OVERHEAD = 256;

    /** @param maxBytes total size bound (keys + bodies), 0 = off; @param maxEntryBytes largest body stored */
    public record Settings(long maxBytes, long maxEntryBytes) {
        public static final Settings OFF = new Settings(0, 0);

        public Settings {
            if (maxBytes < 0 || maxEntryBytes < 0) throw new IllegalArgumentException("cache sizes must not be negative");
        }

        public boolean enabled() { return maxBytes > 0 && maxEntryBytes > 0; }
    }

    /** Counts since the cache was made. */
    public record Counts(long hits, long misses, long bypasses, long entries, long bytes) {}

    private record Entry(int status, String contentType, Map<String, String> headers, byte[] body, long cost) {}

    private final Settings settings;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;
    private final AtomicLong hits = new AtomicLong(), misses = new AtomicLong(), bypasses = new AtomicLong();

    public ResultCache(Settings settings) { this.settings = settings; }

    public Counts counts() {
        synchronized (entries) {
            return new Counts(hits.get(), misses.get(), bypasses.get(), entries.size(), bytes);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String query = queryOf(req);
        if (query == null) { chain.doFilter(request, response); return; }
        String key = settings.enabled() && !VOLATILE.matcher(query).find() ? key(req) : null;
        if (key == null) {
            bypasses.incrementAndGet();
            resp.setHeader(HEADER, "bypass");
            chain.doFilter(request, response);
            return;
        }
        Entry e;
        synchronized (entries) { e = entries.get(key); }
        if (e != null) {
            hits.incrementAndGet();
            replay(e, resp);
            return;
        }
        misses.incrementAndGet();
        resp.setHeader(HEADER, "miss");
        Capture capture = new Capture(resp, settings.maxEntryBytes());
        chain.doFilter(request, capture);
        capture.flushBuffer();
        byte[] body = capture.body();
        if (body == null || request.getAttribute(COMPLETE) == null || capture.getStatus() != 200 || capture.getContentType() == null) return;
        Map<String, String> headers = new TreeMap<>();
        for (String h : KEPT_HEADERS) if (resp.getHeader(h) != null) headers.put(h, resp.getHeader(h));
        store(key, new Entry(200, capture.getContentType(), headers, body, body.length + 2L * key.length() + ENTRY_OVERHEAD));
    }

    /** The query text of a SPARQL query request this cache may answer (GET or form POST), else null. */
    private static String queryOf(HttpServletRequest req) {
        String m = req.getMethod();
        if ("GET".equals(m)) return req.getParameter("query");
        if ("POST".equals(m) && req.getContentType() != null
                && req.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded"))
            return req.getParameter("query");
        return null; // HEAD, a query in the body (application/sparql-query), anything else: not cached
    }

    /** Path, every parameter (sorted, all values in order) and the Accept header: what Fuseki's answer depends on. */
    private static String key(HttpServletRequest req) {
        StringBuilder k = new StringBuilder(256);
        k.append(req.getRequestURI()).append('\u0000');
        for (Map.Entry<String, String[]> p : new TreeMap<>(req.getParameterMap()).entrySet())
            k.append(p.getKey()).append('=').append(Arrays.toString(p.getValue())).append('\u0000');
        String accept = req.getHeader("Accept");
        k.append(accept == null ? "" : accept);
        return k.toString();
    }

    private void store(String key, Entry e) {
        if (e.cost() > settings.maxBytes()) return;
        synchronized (entries) {
            Entry old = entries.put(key, e);
            if (old != null) bytes -= old.cost();
            bytes += e.cost();
            var it = entries.entrySet().iterator();
            while (bytes > settings.maxBytes() && it.hasNext()) {
                bytes -= it.next().getValue().cost();
                it.remove();
            }
        }
    }

    private static void replay(Entry e, HttpServletResponse resp) throws IOException {
        resp.setStatus(e.status());
        resp.setContentType(e.contentType());
        e.headers().forEach(resp::setHeader);
        resp.setHeader(HEADER, "hit");
        resp.setContentLength(e.body().length);
        resp.getOutputStream().write(e.body());
    }

    /** Passes the answer through unchanged while keeping a copy of its body, up to a size limit. */
    private static final class Capture extends HttpServletResponseWrapper {
        private final long limit;
        private ByteArrayOutputStream copy = new ByteArrayOutputStream(4096);
        private ServletOutputStream stream;
        private PrintWriter writer;

        Capture(HttpServletResponse resp, long limit) {
            super(resp);
            this.limit = limit;
        }

        /** The copied body, or null when it grew past the limit. */
        byte[] body() { return copy == null ? null : copy.toByteArray(); }

        private void copy(byte[] b, int off, int len) {
            if (copy == null) return;
            if (copy.size() + (long) len > limit) { copy = null; return; }
            copy.write(b, off, len);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream out = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override public boolean isReady() { return out.isReady(); }
                    @Override public void setWriteListener(WriteListener l) { out.setWriteListener(l); }
                    @Override public void write(int b) throws IOException { out.write(b); copy(new byte[] {(byte) b}, 0, 1); }
                    @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); copy(b, off, len); }
                    @Override public void flush() throws IOException { out.flush(); }
                    @Override public void close() throws IOException { out.close(); }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                String enc = getCharacterEncoding();
                Charset cs = enc == null ? StandardCharsets.ISO_8859_1 : Charset.forName(enc);
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), cs));
            }
            return writer;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (writer != null) writer.flush();
            super.flushBuffer();
        }

        @Override
        public void sendError(int sc, String msg) throws IOException { copy = null; super.sendError(sc, msg); }

        @Override
        public void sendError(int sc) throws IOException { copy = null; super.sendError(sc); }

        @Override
        public void reset() { copy = null; super.reset(); }

        @Override
        public void resetBuffer() { copy = null; super.resetBuffer(); }
    }
}
