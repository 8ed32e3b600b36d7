package org.w3id.mevo.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.Prefixes;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import org.w3id.mevo.serve.LiveDatabase;
import org.w3id.mevo.serve.PersistentStore;
import org.w3id.mevo.serve.ServeOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", sortOptions = false, description = "build if the release is missing or stale, then start Fuseki")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", defaultValue = "3030", description = "HTTP port (default 3030)")
    int port;

    @Option(names = "--localhost", description = "listen on localhost only")
    boolean localhost;

    @Option(names = "--persistent", description = {
            "keep the data in a TDB2 database on disk (fuseki-config/mevo-tdb2.ttl): a restart serves it",
            "without loading; new releases are loaded aside and switched to atomically (see ./mevo reload)"})
    boolean persistent;

    @Option(names = "--data", paramLabel = "DIR", description = "where persistent databases live (default databases/)")
    Path data;

    @Option(names = "--watch", paramLabel = "N", description = {"persistent mode: reload when release/build-info.json changes",
            "(checked every N seconds; default 0 = only on ./mevo reload)"})
    Integer watch;

    @Option(names = "--warm-up-and-exit", hidden = true, description = {"start, answer a few requests to itself over HTTP, stop:",
            "./mevo runs this once per compile to record the class-data archive that makes later starts faster"})
    boolean warmUpAndExit;

    @Mixin ReleaseOptions release;
    @Mixin ProjectOption project;

    @Override
    public Integer call() {
        if (!persistent && (data != null || watch != null)) throw new MevoException("--data and --watch need --persistent");
        StepLog log = StepLog.stderr();
        ProjectLayout layout = project.layout();
        Path releaseDir = release.ensureCurrent(layout, log);
        Path config = persistent ? layout.fusekiConfig().resolveSibling(PersistentStore.CONFIG_FILE) : layout.fusekiConfig();
        var options = new ServeOperation.Options(config, releaseDir, port, localhost, layout.siteDir(), Prefixes.load(layout.prefixes()));
        ServeOperation serve = new ServeOperation(log);
        ServeOperation.Running running;
        if (persistent) {
            Path dataDir = data != null ? data : layout.root().resolve("databases");
            running = serve.startPersistent(options, new ServeOperation.Persistence(dataDir, watch == null ? 0 : watch));
            Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "mevo-shutdown"));
            log.info("persistent mode: serving " + running.live().orElseThrow().database().dir() + "; reload with ./mevo reload --port "
                    + running.port() + " (POST http://localhost:" + running.port() + LiveDatabase.RELOAD_PATH + ")");
        } else {
            running = serve.start(options);
        }
        log.info("MEVO SPARQL endpoint: http://localhost:" + running.port() + "/mevo/sparql"
                + "  (home: http://localhost:" + running.port() + "/ , Fuseki UI: /ui/)");
        if (warmUpAndExit) {
            WarmUp.exercise(running.port(), log);
            running.stop();
            return 0;
        }
        running.join();
        return 0;
    }
}
