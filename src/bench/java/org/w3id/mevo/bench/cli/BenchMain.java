package org.w3id.mevo.bench.cli;

import org.w3id.mevo.cli.Main;
import org.w3id.mevo.cli.TopCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * {@code ./mevo bench*} and {@code ./mevo synth}: the benchmark commands, run by {@code ./mevo} with the bench
 * classpath (target/test-classes: the bench source set is not part of the served code). Same options, errors and exit
 * codes as {@link Main}. See bench/BENCHMARKS.md.
 */
@Command(name = "./mevo", synopsisHeading = "usage: ", customSynopsis = "./mevo <bench command> [options]",
        subcommands = {BenchCommand.class, BenchPeersCommand.class, BenchLoadCommand.class, BenchStartupCommand.class, BenchScalingCommand.class,
                SynthCommand.class, HelpCommand.class},
        commandListHeading = "%nbenchmark commands (numbers, commands and what limits each: bench/BENCHMARKS.md):%n",
        optionListHeading = "%noptions:%n")
public final class BenchMain extends TopCommand {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return Main.configure(new CommandLine(new BenchMain()));
    }
}
