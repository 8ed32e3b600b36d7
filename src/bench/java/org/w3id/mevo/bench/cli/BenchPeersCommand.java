package org.w3id.mevo.bench.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.w3id.mevo.bench.BenchOperation;
import org.w3id.mevo.bench.PeersOperation;
import org.w3id.mevo.cli.ProjectOption;
import org.w3id.mevo.cli.ReleaseOptions;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench-peers", sortOptions = false, description = {
        "MEVO side by side with Virtuoso 7.2 and plain Fuseki, each a process of its own on 127.0.0.1",
        "with the same release: throughput, p50/p99, CPU per request, RSS (bench/BENCHMARKS.md)"})
public final class BenchPeersCommand implements Callable<Integer> {
    @Option(names = "--servers", paramLabel = "LIST", defaultValue = "virtuoso,plain,plain-jetty,mevo-nocache,mevo",
            description = "some of virtuoso,plain,plain-jetty,mevo-nocache,mevo (default all)")
    String servers;

    @Option(names = "--workloads", paramLabel = "LIST", defaultValue = "ask,examples,unseen",
            description = "some of ask,examples,unseen (default all)")
    String workloads;

    @Option(names = "--clients", paramLabel = "LIST", hideParamSyntax = true, split = ",", defaultValue = "1,8,32",
            description = "client counts (default 1,8,32)")
    List<Integer> clients;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10", description = "time bound per client level (default 10)")
    long seconds;

    @Option(names = "--one-at-a-time", description = {"start, measure and stop each server before the next one starts",
            "(for a release too large to hold in several servers at once)"})
    boolean oneAtATime;

    @Option(names = "--server-java-opts", paramLabel = "OPTS", description = {
            "JVM options of the MEVO and Fuseki servers (default: $MEVO_SERVE_JAVA_OPTS or ./mevo serve's -Xmx768m -XX:+UseSerialGC)"})
    String serverJavaOpts;

    @Option(names = "--virtuoso-buffers", paramLabel = "N", defaultValue = "10000",
            description = "Virtuoso's NumberOfBuffers, 8 KiB pages (default 10000, Debian's)")
    int virtuosoBuffers;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "bench/BENCHMARKS-peers-run.tsv",
            description = "TSV file for the tables (default bench/BENCHMARKS-peers-run.tsv)")
    Path out;

    @Mixin ReleaseOptions release;
    @Mixin ProjectOption project;

    @Override
    public Integer call() {
        BenchOperation.quietRequestLog();
        StepLog log = StepLog.stderr();
        ProjectLayout layout = project.layout();
        Path releaseDir = release.ensureCurrent(layout, log);
        String opts = serverJavaOpts != null ? serverJavaOpts : PeersOperation.Options.defaultServerJavaOpts();
        int errors = new PeersOperation(log, System.out, System.err).run(new PeersOperation.Options(layout, releaseDir, out,
                clients, Duration.ofSeconds(seconds), servers, workloads, opts, oneAtATime, virtuosoBuffers));
        return errors == 0 ? 0 : 1;
    }
}
