package org.w3id.mevo.bench;

import java.nio.file.Path;
import org.apache.jena.fuseki.main.FusekiServer;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.serve.JettySettings;

/**
 * One benchmark server in a process of its own (so its memory can be read from /proc): {@code KIND PORT RELEASE ROOT}.
 * KIND is {@code mevo} (as {@code ./mevo serve --localhost} serves: result cache on), {@code mevo-nocache} (the same,
 * result cache off), {@code plain} (Fuseki 5.6.0 as shipped, see {@link BenchServers#startPlainFuseki}) or
 * {@code plain-jetty} (plain Fuseki with MEVO's fuseki-config/jetty-http.xml). Runs until killed.
 */
public final class BenchServerMain {
    private BenchServerMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) throw new IllegalArgumentException("usage: KIND PORT RELEASE ROOT");
        BenchOperation.quietRequestLog();
        String kind = args[0];
        int port = Integer.parseInt(args[1]);
        Path release = Path.of(args[2]);
        ProjectLayout layout = new ProjectLayout(Path.of(args[3]));
        FusekiServer s = switch (kind) {
            case "mevo", "mevo-nocache" -> {
                var o = new org.w3id.mevo.serve.ServeOperation.Options(layout.fusekiConfig(), release, port, true,
                        layout.siteDir(), org.w3id.mevo.core.Prefixes.load(layout.prefixes()));
                yield new org.w3id.mevo.serve.ServeOperation(new StepLog(System.err)).start(kind.equals("mevo") ? o : o.withoutResultCache()).server();
            }
            case "plain", "plain-jetty" -> {
                FusekiServer p = FusekiServer.create().loopback(true).port(port)
                        .add("/ds", org.w3id.mevo.serve.ServedDataset.loadUnion(release)).build();
                if (kind.equals("plain-jetty")) JettySettings.apply(p, layout.fusekiConfig());
                p.start();
                yield p;
            }
            default -> throw new IllegalArgumentException("unknown server kind " + kind);
        };
        System.err.println("[bench-server] " + kind + " listening on " + s.getHttpPort());
        s.join();
    }
}
