package org.w3id.mevo.bench.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.w3id.mevo.bench.BenchOperation;
import org.w3id.mevo.bench.LoadTestOperation;
import org.w3id.mevo.cli.ProjectOption;
import org.w3id.mevo.cli.ReleaseOptions;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench-load", sortOptions = false, description = {
        "load test with a verdict: N clients send the example queries for S seconds;",
        "exit 0 (PASS) only if no request failed and p99 is within --max-p99"})
public final class BenchLoadCommand implements Callable<Integer> {
    @Option(names = "--clients", paramLabel = "N", defaultValue = "32", description = "concurrent clients (default 32)")
    int clients;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "60", description = "duration (default 60)")
    long seconds;

    @Option(names = "--max-p99", paramLabel = "MS", defaultValue = "NaN",
            description = "p99 bound in milliseconds (default: none, only errors fail)")
    double maxP99;

    @Option(names = "--no-cache", description = "start the server without its query-result cache")
    boolean noCache;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "48", description = "longest warm-up before the measured run (default 48)")
    long warmup;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "0", description = {
            "open loop: R requests/s on a fixed schedule, latency from each request's due time",
            "(no coordinated omission); --clients is then not used"})
    double rate;

    @Option(names = "--endpoint", paramLabel = "URL", description = "test a server already running on 127.0.0.1 instead of starting one")
    String endpoint;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the table as TSV")
    Path out;

    @Mixin ReleaseOptions release;
    @Mixin ProjectOption project;

    @Override
    public Integer call() {
        BenchOperation.quietRequestLog();
        StepLog log = StepLog.stderr();
        ProjectLayout layout = project.layout();
        Path releaseDir = endpoint == null ? release.ensureCurrent(layout, log) : release.dir(layout);
        var r = new LoadTestOperation(log, System.out, System.err).run(new LoadTestOperation.Options(layout, releaseDir, endpoint,
                !noCache, clients, Duration.ofSeconds(seconds), maxP99, Duration.ofSeconds(warmup), rate, out));
        return r.passed() ? 0 : 1;
    }
}
