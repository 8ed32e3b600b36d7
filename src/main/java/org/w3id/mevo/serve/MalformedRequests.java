package org.w3id.mevo.serve;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.eclipse.jetty.http.BadMessageException;

/**
 * Malformed requests get a 4xx here, before Fuseki sees them: a bad percent-encoding or invalid UTF-8 in the query
 * string or form body, or an unknown charset in Content-Type, would otherwise surface inside Fuseki's handlers as an
 * unexpected exception and be answered 500.
 */
final class MalformedRequests implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletResponse resp = (HttpServletResponse) response;
        try {
            request.getContentType();
        } catch (IllegalArgumentException e) { // UnsupportedCharsetException, IllegalCharsetNameException
            refuse(resp, 415, "Unsupported charset in Content-Type: " + e.getMessage());
            return;
        }
        try {
            request.getParameterMap(); // parsed once (query string, and a form body) and kept by Jetty for Fuseki
        } catch (BadMessageException e) {
            refuse(resp, e.getCode() >= 400 && e.getCode() < 500 ? e.getCode() : 400, "Malformed request parameters: " + e.getReason());
            return;
        } catch (IllegalArgumentException e) {
            refuse(resp, 400, "Malformed request parameters: " + e.getMessage());
            return;
        } catch (IllegalStateException e) {
            // a multipart body (no MEVO endpoint takes one): left to Fuseki, which answers 415
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse resp, int code, String message) {
        resp.setHeader("Connection", "close"); // the body of a malformed request may be partly unread
        ServletOps.responseSendError(resp, code, message);
    }
}
