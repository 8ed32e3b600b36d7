package org.w3id.mevo.serve;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.fuseki.main.FusekiServer;
import org.eclipse.jetty.ee10.servlet.ResourceServlet;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.Prefixes;

/**
 * The static site, served from where its files are (nothing is copied, no temporary folder):
 * <ul>
 *   <li>MEVO's pages (landing page, query editor, plain query page, styles) from the site folder
 *       ({@code fuseki-config/site}) at {@code /}: Fuseki's own static file servlet;</li>
 *   <li>Fuseki's UI from the jena-fuseki-ui jar on the classpath ({@code webapp/}) at {@code /ui/};</li>
 *   <li>the query editor's YASGUI bundle from {@link #YASGUI_BUILD} at {@code /yasgui/}, when installed (without it
 *       /editor.html falls back to the plain query page);</li>
 *   <li>{@code /prefixes.json}: the project's prefixes, for the editor.</li>
 * </ul>
 */
final class StaticSite {
    /** Where {@code npm ci} in tools/site-build puts YASGUI's prebuilt bundle, relative to the project root. */
    static final String YASGUI_BUILD = "tools/site-build/node_modules/@zazuko/yasgui/build";

    private StaticSite() {}

    /** Adds the site's servlets to {@code b}; {@code prefixes} null: no /prefixes.json. */
    static void addTo(FusekiServer.Builder b, Path siteDir, Prefixes prefixes) {
        if (Files.isDirectory(siteDir)) b.staticFileBase(siteDir.toAbsolutePath().normalize().toString());
        b.addServlet("/ui/*", new FileServlet(fusekiUi()));
        Path yasgui = yasgui(siteDir);
        if (yasgui != null) {
            b.addServlet("/yasgui/*", new FileServlet(yasgui.toUri().toString()));
        } else {
            System.err.println("[mevo] query editor: YASGUI is not installed (" + YASGUI_BUILD + "/yasgui.min.js missing; "
                    + "`npm ci` in tools/site-build installs it); /editor.html falls back to the plain query page");
        }
        if (prefixes != null) b.addServlet("/prefixes.json", new PrefixesJson(prefixes));
    }

    /** Fuseki's UI files: {@code webapp/} in the jena-fuseki-ui jar (a jar: URL), or a folder on the classpath. */
    static String fusekiUi() {
        URL index = StaticSite.class.getClassLoader().getResource("webapp/index.html");
        if (index == null) throw new MevoException("Fuseki UI files (jena-fuseki-ui) are not on the classpath");
        String s = index.toString();
        return s.substring(0, s.length() - "index.html".length());
    }

    /** The installed YASGUI bundle of the project whose site folder is {@code siteDir}, or null. */
    private static Path yasgui(Path siteDir) {
        Path projectRoot = siteDir.toAbsolutePath().getParent() == null ? null : siteDir.toAbsolutePath().getParent().getParent();
        Path yasgui = projectRoot == null ? null : projectRoot.resolve(YASGUI_BUILD);
        if (yasgui == null || !Files.isRegularFile(yasgui.resolve("yasgui.min.js")) || !Files.isRegularFile(yasgui.resolve("yasgui.min.css")))
            return null;
        return yasgui;
    }

    /** Jetty's static file servlet on one base (a folder or a jar: URL), for the path below its mapping. */
    private static final class FileServlet extends ResourceServlet {
        private final String base;

        FileServlet(String base) { this.base = base; }

        @Override
        public String getInitParameter(String name) {
            return "baseResource".equals(name) ? base : super.getInitParameter(name);
        }
    }

    /** {@code /prefixes.json}: the project's CURIE prefixes as one JSON object. */
    private static final class PrefixesJson extends HttpServlet {
        private final byte[] json;

        PrefixesJson(Prefixes prefixes) {
            JsonObject o = new JsonObject();
            prefixes.asMap().forEach(o::put);
            json = JSON.toStringFlat(o).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("application/json");
            resp.setContentLength(json.length);
            resp.getOutputStream().write(json);
        }
    }
}
