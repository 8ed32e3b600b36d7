package org.w3id.mevo.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.w3id.mevo.bench.BenchOperation;
import org.w3id.mevo.bench.ProcessStartupBenchmark;
import org.w3id.mevo.cli.ProjectOption;
import org.w3id.mevo.cli.ReleaseOptions;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench-startup", sortOptions = false,
        description = "./mevo serve as a separate process: time to the first answered query")
public final class BenchStartupCommand implements Callable<Integer> {
    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "starts from the built release (default 3)")
    int rounds;

    @Option(names = "--fresh-clone", description = "also from a fresh local git clone (compile + build + serve)")
    boolean freshClone;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the table as TSV")
    Path out;

    @Mixin ProjectOption project;

    @Override
    public Integer call() throws IOException {
        ProjectLayout layout = project.layout();
        // the served process is ./mevo serve, which serves the project's release/: built here first when stale
        ReleaseOptions.ensureCurrent(layout, layout.defaultReleaseDir(), StepLog.stderr());
        var b = new ProcessStartupBenchmark(System.err);
        var starts = b.run(new ProcessStartupBenchmark.Options(layout, rounds, freshClone, Duration.ofMinutes(15),
                Files.createTempDirectory("mevo-startup")));
        var t = b.table(starts);
        t.print(System.out);
        if (out != null) BenchOperation.writeTables(out, List.of(t));
        return 0;
    }
}
