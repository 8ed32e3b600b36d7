package org.w3id.mevo.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;

/**
 * {@code ./mevo bench-peers}: the peer comparison of {@code ./mevo bench --only peers} with its choices open: which
 * servers, which workloads, the servers' JVM options, and one server at a time (for a release too large to serve five
 * times at once). Prints the tables and writes them as TSV.
 */
public final class PeersOperation {
    /**
     * @param servers comma-separated {@code virtuoso,plain,plain-jetty,mevo-nocache,mevo}
     * @param workloads comma-separated {@code ask,examples,unseen}
     */
    public record Options(ProjectLayout layout, Path releaseDir, Path out, List<Integer> levels, Duration seconds,
                          String servers, String workloads, String serverJavaOpts, boolean oneAtATime, int virtuosoBuffers) {
        /** The servers' JVM options when none are given: $MEVO_SERVE_JAVA_OPTS, else those of {@code ./mevo serve}. */
        public static String defaultServerJavaOpts() { return PeerBenchmark.Options.defaultServerJavaOpts(); }
    }

    private final StepLog log;
    private final PrintStream out;
    private final PrintStream progress;

    public PeersOperation(StepLog log, PrintStream out, PrintStream progress) {
        this.log = log;
        this.out = out;
        this.progress = progress;
    }

    /** Returns the number of failed requests (0 in a clean run). */
    public int run(Options o) {
        var step = log.start("bench-peers");
        var machine = BenchOperation.Machine.now();
        var p = new PeerBenchmark.Options(o.layout(), o.releaseDir(), o.levels(), o.seconds(), o.serverJavaOpts(),
                PeerBenchmark.Kind.parse(o.servers()), List.of(o.workloads().split("\\s*,\\s*")), o.oneAtATime(), o.virtuosoBuffers());
        PeerBenchmark.Result r;
        var phase = BenchOperation.CpuSnapshot.now();
        try {
            r = new PeerBenchmark(new HttpLoad(HttpLoad.newClient()), progress).run(p);
        } catch (IOException e) {
            throw new MevoException("peer benchmark: " + e.getMessage(), e);
        }
        machine.othersByPhase().put("peers", phase.othersSince());
        List<Table> tables = new ArrayList<>();
        tables.add(machine.table());
        tables.addAll(r.tables());
        for (Table t : tables) t.print(out);
        BenchOperation.writeTables(o.out(), tables);
        step.done("servers=" + o.servers() + " workloads=" + o.workloads() + " one-at-a-time=" + o.oneAtATime()
                + " errors=" + r.errors() + " out=" + o.out());
        return r.errors();
    }
}
