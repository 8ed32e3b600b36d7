package org.w3id.mevo.serve;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.jena.fuseki.servlets.ServletOps;

/**
 * {@value #PATH}: 200 once the served dataset holds the release (load balancers' health checks use it), 503 before.
 * The body and the header {@value #RELEASE_HEADER} name the release fingerprint (build-info.json) being served;
 * the same header is set on every response (see {@link #header}), so a client can tell which release answered.
 */
public final class Readiness extends HttpServlet {
    public static final String PATH = "/$/ready";
    public static final String RELEASE_HEADER = "X-MEVO-Release";
    private final Supplier<String> release;
    private volatile boolean ready;

    /** @param release the fingerprint of the release being served now (null: not known) */
    public Readiness(Supplier<String> release) { this.release = release; }

    public void ready() { ready = true; }

    public boolean isReady() { return ready; }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String m = req.getMethod();
        if (!"GET".equals(m) && !"HEAD".equals(m)) {
            resp.setHeader("Allow", "GET, HEAD");
            ServletOps.responseSendError(resp, 405, "HTTP method not allowed: " + m);
            return;
        }
        String fp = release.get();
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("text/plain; charset=utf-8");
        resp.setStatus(ready ? 200 : 503);
        if ("GET".equals(m))
            resp.getOutputStream().write(((ready ? "ready" : "loading") + " release=" + fp + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A filter that sets {@value #RELEASE_HEADER} on every response. */
    public jakarta.servlet.Filter header() {
        return (request, response, chain) -> {
            String fp = release.get();
            if (fp != null) ((HttpServletResponse) response).setHeader(RELEASE_HEADER, fp);
            chain.doFilter(request, response);
        };
    }
}
