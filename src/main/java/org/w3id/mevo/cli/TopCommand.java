package org.w3id.mevo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The top of a {@code ./mevo} command tree (the pipeline's {@link Main}, the benchmarks' {@code BenchMain}):
 * {@code -h/--help}, and without a subcommand the usage and exit code {@link Main#USAGE}.
 */
public abstract class TopCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** No subcommand: the usage, exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Main.USAGE;
    }
}
