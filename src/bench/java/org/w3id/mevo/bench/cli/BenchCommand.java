package org.w3id.mevo.bench.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.w3id.mevo.bench.BenchOperation;
import org.w3id.mevo.cli.ProjectOption;
import org.w3id.mevo.cli.ReleaseOptions;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", sortOptions = false,
        description = "performance numbers: build steps, load/start-up, query latency, overhead (bench/BENCHMARKS.md)")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "FILE", defaultValue = "bench/BENCHMARKS-results.tsv",
            description = "TSV file for the tables (default bench/BENCHMARKS-results.tsv)")
    Path out;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "build, start-up and overhead rounds (default 3)")
    int rounds;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
            description = "time bound per query level and per overhead run (default 10)")
    long seconds;

    @Option(names = "--only", paramLabel = "LIST", description = {
            "some of build,startup,queries,overhead,peers (default all; peers: Virtuoso, plain Fuseki and",
            "MEVO as separate processes, installs Virtuoso if missing)"})
    String only;

    @Option(names = "--clients", paramLabel = "LIST", hideParamSyntax = true, split = ",", description = "client counts of the query benchmark (default 1,8,32)")
    List<Integer> clients;

    @Mixin ReleaseOptions release;
    @Mixin ProjectOption project;

    @Override
    public Integer call() {
        BenchOperation.quietRequestLog();
        StepLog log = StepLog.stderr();
        ProjectLayout layout = project.layout();
        Path releaseDir = release.ensureCurrent(layout, log);
        var options = BenchOperation.Options.all(layout, releaseDir, out, rounds, Duration.ofSeconds(seconds));
        if (only != null) options = options.only(only);
        if (clients != null) options = options.levels(clients);
        return new BenchOperation(log).run(options).ok() ? 0 : 1;
    }
}
