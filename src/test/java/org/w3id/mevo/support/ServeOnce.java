package org.w3id.mevo.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.fuseki.main.FusekiServer;
import org.w3id.mevo.core.Prefixes;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.serve.ServeOperation;

/**
 * A child JVM for StaticSiteTest: starts the in-memory server on a free loopback port, asks for a few static pages,
 * prints "STATUS PATH" for each and the number of entries in java.io.tmpdir while it runs, then stops.
 * Arguments: config file, release folder, site folder, prefixes.tsv.
 */
public final class ServeOnce {
    private ServeOnce() {}

    public static void main(String[] args) throws Exception {
        FusekiServer server = new ServeOperation(StepLog.silent()).start(new ServeOperation.Options(Path.of(args[0]),
                Path.of(args[1]), 0, true, Path.of(args[2]), Prefixes.load(Path.of(args[3])))).server();
        try {
            String base = "http://127.0.0.1:" + server.getHttpPort();
            for (String p : new String[] {"/ui/", "/editor.html", "/prefixes.json"})
                System.out.println(Http.get(base + p, "*/*").statusCode() + " " + p);
            try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                System.out.println("tmpdir entries while serving: " + s.count());
            }
        } finally {
            server.stop();
        }
    }
}
