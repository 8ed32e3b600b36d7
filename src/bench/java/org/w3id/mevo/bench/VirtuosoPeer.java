package org.w3id.mevo.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.w3id.mevo.core.MevoException;

/**
 * The peer: OpenLink Virtuoso 7.2 from Debian (package virtuoso-opensource, installed with apt-get when missing), with
 * a fresh database in a temp folder, listening on 127.0.0.1 only, loaded with the same release/mevo.nq (bulk loader,
 * one graph per quad's graph; queries without FROM see the union of all graphs, as MEVO's default graph does).
 * {@link #start} loads the data, shuts the database down, and starts it again: the second start is the one timed.
 */
final class VirtuosoPeer implements AutoCloseable {
    static final Path SERVER = Path.of("/usr/bin/virtuoso-t");
    static final Path ISQL = Path.of("/usr/bin/isql-vt");
    private final Path dir;
    private final int sqlPort;
    private final int httpPort;
    private final int buffers;
    private Process process;

    /** @param buffers NumberOfBuffers (8 KiB pages Virtuoso keeps in memory; Debian ships 10,000, i.e. 80 MB) */
    VirtuosoPeer(Path dir, int sqlPort, int httpPort, int buffers) {
        this.dir = dir;
        this.buffers = buffers;
        this.sqlPort = sqlPort;
        this.httpPort = httpPort;
    }

    String endpoint() { return "http://127.0.0.1:" + httpPort + "/sparql"; }

    Process process() { return process; }

    /** Installs Debian's virtuoso-opensource when virtuoso-t is missing (needs root and the Debian mirror). */
    static void ensureInstalled(java.io.PrintStream progress) {
        if (Files.isExecutable(SERVER) && Files.isExecutable(ISQL)) return;
        progress.println("[mevo] bench: Virtuoso missing: apt-get install virtuoso-opensource");
        int rc = BenchProcesses.run(List.of("apt-get", "install", "-y", "-qq", "virtuoso-opensource"), Path.of("/tmp"),
                Duration.ofSeconds(900), Map.of("DEBIAN_FRONTEND", "noninteractive"));
        if (rc != 0 || !Files.isExecutable(SERVER))
            throw new MevoException("cannot install Virtuoso (apt-get install virtuoso-opensource exited " + rc
                    + "); install it as root, or leave the peer comparison out (--only without peers)");
    }

    /** Creates the database, loads {@code nquads}, restarts; returns the nanoTime the timed (second) start began. */
    long start(Path nquads) throws IOException {
        Files.createDirectories(dir);
        Files.copy(nquads, dir.resolve("data.nq"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("virtuoso.ini"), ini(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("load.sql"), "ld_dir('" + dir + "', 'data.nq', 'urn:mevo:bench:default');\n"
                + "rdf_loader_run();\ncheckpoint;\n", StandardCharsets.UTF_8);
        launch();
        if (BenchProcesses.run(List.of(ISQL.toString(), "127.0.0.1:" + sqlPort, "dba", "dba", dir.resolve("load.sql").toString()), dir,
                Duration.ofSeconds(600), Map.of()) != 0)
            throw new MevoException("Virtuoso: loading " + nquads + " failed (see " + dir.resolve("virtuoso.log") + ")");
        stop();
        return launch();
    }

    private long launch() throws IOException {
        long t0 = System.nanoTime();
        process = BenchProcesses.start(List.of(SERVER.toString(), "+foreground", "+configfile", dir.resolve("virtuoso.ini").toString()),
                dir, dir.resolve("stdout.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new MevoException("Virtuoso exited at start (see " + dir.resolve("stdout.log") + ")");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", sqlPort), 200);
                return t0;
            } catch (IOException e) {
                sleep(20);
            }
        }
        throw new MevoException("Virtuoso did not open its SQL port within 120 s");
    }

    void stop() {
        if (process == null || !process.isAlive()) return;
        BenchProcesses.stop(process, Duration.ofSeconds(60)); // SIGTERM: Virtuoso checkpoints and exits
    }

    @Override
    public void close() {
        stop();
        try {
            org.w3id.mevo.core.FileTrees.delete(dir);
        } catch (RuntimeException e) {
            // a temp folder left behind is harmless
        }
    }

    private String ini() {
        return String.join("\n",
                "[Database]",
                "DatabaseFile = " + dir.resolve("virtuoso.db"),
                "ErrorLogFile = " + dir.resolve("virtuoso.log"),
                "LockFile = " + dir.resolve("virtuoso.lck"),
                "TransactionFile = " + dir.resolve("virtuoso.trx"),
                "xa_persistent_file = " + dir.resolve("virtuoso.pxa"),
                "ErrorLogLevel = 7", "FileExtend = 200", "MaxCheckpointRemap = 2000", "Striping = 0",
                "TempStorage = TempDatabase",
                "[TempDatabase]",
                "DatabaseFile = " + dir.resolve("virtuoso-temp.db"),
                "TransactionFile = " + dir.resolve("virtuoso-temp.trx"),
                "MaxCheckpointRemap = 2000", "Striping = 0",
                "[Parameters]",
                "ServerPort = 127.0.0.1:" + sqlPort,
                "DisableUnixSocket = 1",
                "MaxClientConnections = 40",
                "CheckpointInterval = 60",
                "DirsAllowed = ., " + dir,
                // Debian's defaults for a small machine (virtuoso.ini as packaged) unless --virtuoso-buffers says more
                "NumberOfBuffers = " + buffers, "MaxDirtyBuffers = " + (buffers * 3 / 5),
                "[HTTPServer]",
                "ServerPort = 127.0.0.1:" + httpPort,
                "ServerRoot = /var/lib/virtuoso-opensource-7/vsp",
                // as many HTTP threads and keep-alive connections as the largest client level (Debian ships 10)
                "MaxClientConnections = 40", "ServerThreads = 40", "MaxKeepAlives = 40", "KeepAliveTimeout = 10",
                "EnabledDavVSP = 0",
                "[SPARQL]",
                "ResultSetMaxRows = 100000", "MaxQueryExecutionTime = 60",
                "");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MevoException("interrupted", e);
        }
    }
}
