package org.w3id.mevo.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.w3id.mevo.bench.ScalingBenchmark;
import org.w3id.mevo.cli.ProjectOption;
import org.w3id.mevo.core.StepLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench-scaling", sortOptions = false,
        description = "synthetic 1k/10k/100k claims: reasoning time, structural vs HermiT")
public final class BenchScalingCommand implements Callable<Integer> {
    @Option(names = "--sizes", paramLabel = "LIST", hideParamSyntax = true, split = ",", defaultValue = "1000,10000,100000",
            description = "claim counts (default 1000,10000,100000)")
    List<Integer> sizes;

    @Option(names = "--hermit-up-to", paramLabel = "N", defaultValue = "10000",
            description = "also run HermiT over the whole ABox up to N claims (default 10000)")
    int hermitUpTo;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "random seed (default 42)")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "bench/BENCHMARKS-scaling.tsv",
            description = "TSV (default bench/BENCHMARKS-scaling.tsv)")
    Path out;

    @Mixin ProjectOption project;

    @Override
    public Integer call() throws IOException {
        var rows = new ScalingBenchmark(StepLog.stderr()).run(new ScalingBenchmark.Options(project.layout(), sizes, seed, hermitUpTo,
                Files.createTempDirectory("mevo-scaling")));
        StringBuilder sb = new StringBuilder("claims\tindividuals\tcurate_ms\trealisation\treason_ms\tinferred_types\tpeak_heap_mb\n");
        rows.forEach(r -> sb.append(r.tsv()).append('\n'));
        System.out.print(sb);
        Files.writeString(out, sb.toString());
        return 0;
    }
}
