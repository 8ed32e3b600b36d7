package org.w3id.mevo.support;

import java.nio.file.Path;
import java.util.List;
import org.apache.jena.fuseki.main.FusekiServer;
import org.w3id.mevo.Pipeline;
import org.w3id.mevo.core.Prefixes;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.serve.ServeOperation;

/**
 * The real knowledge base, built once per test JVM from this checkout's ontology/ into target/test-release,
 * and (on first use) served by a real Fuseki server on a free loopback port.
 */
public final class TestKb {
    private static ProjectLayout layout;
    private static Path release;
    private static Pipeline.Summary summary;
    private static FusekiServer server;

    /** SERVICE allow-list entry added for the test server only: any port on 127.0.0.1 (the federation stand-ins). */
    public static final String LOOPBACK_STAND_INS = "http://127.0.0.1:*";

    private TestKb() {}

    public static synchronized ProjectLayout layout() {
        if (layout == null) layout = ProjectLayout.discover(Path.of(""));
        return layout;
    }

    public static synchronized Prefixes prefixes() { return Prefixes.load(layout().prefixes()); }

    /** Builds the release (curate, validate, reason, publish) once; later calls return the same folder. */
    public static synchronized Path release() {
        if (release == null) {
            Path dir = layout().root().resolve("target").resolve("test-release");
            summary = new Pipeline(StepLog.stderr()).build(new Pipeline.Options(layout(), dir));
            release = dir;
        }
        return release;
    }

    public static synchronized Pipeline.Summary summary() {
        release();
        return summary;
    }

    /** Base URL of a running Fuseki serving the test release, e.g. http://127.0.0.1:41234 */
    public static synchronized String baseUrl() {
        if (server == null) {
            // the production SERVICE allow-list (fuseki-config) plus, for tests only, local stand-ins for the remote
            // endpoints on 127.0.0.1 (FederationTest); every other SERVICE endpoint is still refused
            server = new ServeOperation(StepLog.stderr()).start(new ServeOperation.Options(
                    layout().fusekiConfig(), release(), 0, true, layout().siteDir(), prefixes(),
                    List.of(LOOPBACK_STAND_INS), true)).server();
            FusekiServer s = server;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
        }
        return "http://127.0.0.1:" + server.getHttpPort();
    }

    public static String sparqlUrl() { return baseUrl() + "/mevo/sparql"; }
}
