package org.w3id.mevo.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain HTTP requests to the local test server (loopback only), as a SPARQL client would send them. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {}

    public static HttpResponse<String> get(String url, String accept) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).GET().build());
    }

    public static HttpResponse<String> postForm(String url, String form, String accept) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        if (!request.uri().getHost().equals("127.0.0.1") && !request.uri().getHost().equals("localhost"))
            throw new IllegalArgumentException("tests only talk to the loopback interface: " + request.uri());
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    public static String encode(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    /** A loopback port that was free a moment ago (for a server or a client that must find nothing listening). */
    public static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
