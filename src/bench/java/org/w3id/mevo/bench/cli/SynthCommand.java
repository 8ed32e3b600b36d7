package org.w3id.mevo.bench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.w3id.mevo.bench.SyntheticProject;
import org.w3id.mevo.cli.ProjectOption;
import org.w3id.mevo.core.ProjectLayout;
import org.w3id.mevo.core.StepLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "synth", sortOptions = false,
        description = "copy this project with its claim tables replaced by seeded synthetic claims")
public final class SynthCommand implements Callable<Integer> {
    @Option(names = "--into", paramLabel = "DIR", required = true,
            description = "the new folder (build it with ./mevo build --project DIR)")
    Path into;

    @Option(names = "--claims", paramLabel = "N", defaultValue = "100000", description = "how many claims (default 100000)")
    int claims;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "random seed (default 42)")
    long seed;

    @Mixin ProjectOption project;

    @Override
    public Integer call() {
        ProjectLayout l = SyntheticProject.create(new SyntheticProject.Options(project.layout(), into, claims, seed));
        StepLog.stderr().info("synthetic project written to " + l.root() + "; build it with ./mevo build --project " + l.root());
        return 0;
    }
}
