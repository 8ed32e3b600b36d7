package org.w3id.mevo.serve;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.mod.admin.ActionServerStatus;
import org.apache.jena.fuseki.server.DataAccessPoint;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.system.Txn;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.publish.Release;

/**
 * Serve: a Fuseki server whose services and datasets come from the assembler file in {@code fuseki-config/};
 * the published release is loaded into each dataset that starts empty. Fuseki's own web UI is served at /.
 */
public final class ServeOperation {

    /** @param port 0 picks a free port */
    /**
     * @param siteDir static pages (landing page, query page) served at /; Fuseki's UI goes under /ui/
     * @param prefixes CURIE prefixes for entity pages
     */
    public record Options(Path configFile, Path releaseDir, int port, boolean localhostOnly, Path siteDir,
                          org.w3id.mevo.core.Prefixes prefixes) {}

    /** Result rows a SELECT may return when fuseki-config sets no mevo:resultCap. */
    public static final long DEFAULT_RESULT_CAP = 10_000;

    private final StepLog log;

    public ServeOperation(StepLog log) { this.log = log; }

    public FusekiServer start(Options o) {
        if (!Release.exists(o.releaseDir()))
            throw new MevoException(o.releaseDir() + ": no published release to serve; the build must succeed first");
        var step = log.start("serve");
        FusekiServer.Builder b = FusekiServer.create()
                .parseConfigFile(o.configFile())
                .port(o.port())
                .enablePing(true)
                .enableStats(true)
                .enableCors(true, null);
        if (o.localhostOnly()) b.loopback(true);
        b.registerOperation(org.apache.jena.fuseki.server.Operation.Query, new CappedQueryProcessor(DEFAULT_RESULT_CAP));
        Path site = siteFiles(o.siteDir());
        b.staticFileBase(site.toString());
        b.addServlet("/$/server", new ActionServerStatus());
        DatasetGraph[] served = new DatasetGraph[1];
        b.addFilter("/*", new SiteFilter(() -> served[0], new EntityPages(o.prefixes(), Release.FLAT),
                o.releaseDir().toAbsolutePath().normalize(), org.w3id.mevo.publish.DescribeOperation.GRAPH));
        FusekiServer server = b.build();
        long quads = 0;
        List<String> loaded = new ArrayList<>();
        for (DataAccessPoint dap : server.getDataAccessPointRegistry().accessPoints()) {
            DatasetGraph dsg = dap.getDataService().getDataset();
            boolean empty = Txn.calculateRead(dsg, dsg::isEmpty);
            if (!empty) continue;
            Release.loadInto(DatasetFactory.wrap(dsg), o.releaseDir());
            quads += Txn.calculateRead(dsg, () -> countQuads(dsg));
            loaded.add(dap.getName());
            if (served[0] == null) served[0] = dsg;
        }
        server.start();
        step.done("port=" + server.getHttpPort() + " datasets=" + loaded + " quads=" + quads);
        return server;
    }

    private static long countQuads(DatasetGraph dsg) {
        long n = 0;
        var it = dsg.find();
        while (it.hasNext()) { it.next(); n++; }
        return n;
    }

    /** The static site: MEVO's pages from fuseki-config/site at /, Fuseki's UI at /ui/ (unpacked into a temp folder). */
    static Path siteFiles(Path siteDir) {
        Path dir = uiFiles();
        try {
            Path root = Files.createTempDirectory("mevo-site");
            root.toFile().deleteOnExit();
            try (var s = Files.walk(dir)) {
                for (Path p : s.toList()) {
                    Path dest = root.resolve("ui").resolve(dir.relativize(p).toString());
                    if (Files.isDirectory(p)) Files.createDirectories(dest); else Files.copy(p, dest);
                }
            }
            if (Files.isDirectory(siteDir)) {
                try (var s = Files.list(siteDir)) {
                    for (Path p : s.toList()) if (Files.isRegularFile(p)) Files.copy(p, root.resolve(p.getFileName().toString()));
                }
            }
            return root;
        } catch (IOException e) {
            throw new MevoException("cannot prepare the static site: " + e.getMessage(), e);
        }
    }

    /** Fuseki's UI files ship inside the jena-fuseki-ui jar; they are unpacked once per run into a temp folder. */
    static Path uiFiles() {
        URL index = ServeOperation.class.getClassLoader().getResource("webapp/index.html");
        if (index == null) throw new MevoException("Fuseki UI files (jena-fuseki-ui) are not on the classpath");
        try {
            if ("file".equals(index.getProtocol())) return Path.of(index.toURI()).getParent();
            JarURLConnection conn = (JarURLConnection) index.openConnection();
            conn.setUseCaches(false);
            Path dir = Files.createTempDirectory("mevo-fuseki-ui");
            dir.toFile().deleteOnExit();
            try (JarFile jar = conn.getJarFile()) {
                for (JarEntry e : java.util.Collections.list(jar.entries())) {
                    if (!e.getName().startsWith("webapp/") || e.isDirectory()) continue;
                    Path out = dir.resolve(e.getName().substring("webapp/".length())).normalize();
                    if (!out.startsWith(dir)) continue;
                    Files.createDirectories(out.getParent());
                    try (InputStream in = jar.getInputStream(e)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return dir;
        } catch (IOException | java.net.URISyntaxException e) {
            throw new MevoException("cannot unpack the Fuseki UI: " + e.getMessage(), e);
        }
    }
}
