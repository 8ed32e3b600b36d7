package org.w3id.mevo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.support.Processes;
import org.w3id.mevo.support.ServeOnce;
import org.w3id.mevo.support.TestKb;

/**
 * The static site is served from where its files are: MEVO's pages from fuseki-config/site, Fuseki's UI straight from
 * the jena-fuseki-ui jar. A start and stop of the server leaves nothing in the temporary folder.
 */
class StaticSiteTest {
    @Test
    void fusekisUiComesFromTheJarAndTheSitePagesFromTheSiteFolder() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<byte[]> ui = client.send(HttpRequest.newBuilder(URI.create(TestKb.baseUrl() + "/ui/index.html")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, ui.statusCode());
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("webapp/index.html")) {
            assertArrayEquals(in.readAllBytes(), ui.body(), "/ui/index.html is the jar's webapp/index.html");
        }
        assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(TestKb.baseUrl() + "/ui/")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        HttpResponse<byte[]> index = client.send(HttpRequest.newBuilder(URI.create(TestKb.baseUrl() + "/index.html")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(Files.readAllBytes(TestKb.layout().siteDir().resolve("index.html")), index.body(), "the site folder's file");
        assertEquals(404, client.send(HttpRequest.newBuilder(URI.create(TestKb.baseUrl() + "/ui/no-such-file.js")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    @Test
    void aStartAndStopLeavesNoTemporaryFolder() throws Exception {
        // a child JVM with a temporary folder of its own, so that other programs' temporary files do not count
        Path target = TestKb.layout().root().resolve("target");
        Path tmp = Files.createTempDirectory(target, "serve-tmpdir-");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var r = Processes.run(List.of(java, "-Xmx1g", "-Djava.io.tmpdir=" + tmp, "-cp", classpath, ServeOnce.class.getName(),
                        TestKb.layout().fusekiConfig().toString(), TestKb.release().toString(), TestKb.layout().siteDir().toString(),
                        TestKb.layout().prefixes().toString()),
                TestKb.layout().root(), Duration.ofMinutes(3));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("200 /ui/") && r.out().contains("200 /editor.html") && r.out().contains("200 /prefixes.json"), r.out());
        assertTrue(r.out().contains("tmpdir entries while serving: 0"), r.out());
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "nothing left in the temporary folder after the server stopped");
        }
        Files.delete(tmp);
    }
}
