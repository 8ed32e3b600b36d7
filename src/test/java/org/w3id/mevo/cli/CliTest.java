package org.w3id.mevo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3id.mevo.bench.cli.BenchMain;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line, run in-process exactly as {@code ./mevo} runs it ({@link Main#commandLine()},
 * {@link BenchMain#commandLine()}): a command-line mistake is one line naming the option or command, exit code 2, no
 * stack trace; every command has {@code --help} listing its options.
 */
@Tag("fast")
class CliTest {
    /** Exit code, standard output and standard error of one command line. */
    record Run(int exit, String out, String err) {
        List<String> errLines() { return err.lines().toList(); }
    }

    static Run run(Supplier<CommandLine> cli, String... args) {
        CommandLine cl = cli.get();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Run mevo(String... args) { return run(Main::commandLine, args); }

    static void assertOneLineError(Run r, String... mentions) {
        assertEquals(2, r.exit(), "exit code of a command-line mistake: " + r);
        assertEquals(1, r.errLines().size(), "one line on standard error: " + r.err());
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("mevo: error: "), line);
        for (String m : mentions) assertTrue(line.contains(m), "names " + m + ": " + line);
        assertFalse(line.contains("Exception") || line.contains("\tat "), "no exception text: " + line);
        assertEquals("", r.out(), "nothing on standard output");
    }

    @Test
    void malformedNumberNamesTheOptionAndTheValue() {
        Run r = mevo("reload", "--port", "abc");
        assertOneLineError(r, "--port", "'abc'", "./mevo reload --help");
        assertEquals("mevo: error: --port: 'abc' is not a number (see ./mevo reload --help)", r.errLines().get(0));
        assertOneLineError(mevo("serve", "--watch=1.5", "--persistent"), "--watch", "'1.5'");
        assertOneLineError(run(BenchMain::commandLine, "bench", "--clients", "1,x,32"), "--clients", "'x'", "./mevo bench --help");
        assertOneLineError(run(BenchMain::commandLine, "bench-load", "--max-p99", "fast"), "--max-p99", "'fast'");
    }

    @Test
    void unknownOptionIsRejectedWithTheNearestName() {
        Run r = mevo("reload", "--prot", "3999");
        assertOneLineError(r, "--prot", "did you mean --port?");
        assertOneLineError(mevo("serve", "--localhst"), "'--localhst'", "--localhost");
        assertOneLineError(run(BenchMain::commandLine, "bench-startup", "--bogus"), "'--bogus'");
    }

    @Test
    void missingValuesAndArguments() {
        assertOneLineError(mevo("reload", "--port"), "--port needs a value");
        assertOneLineError(mevo("query"), "missing FILE.rq", "./mevo query --help");
        assertOneLineError(mevo("refresh-imports"), "--sources");
        assertOneLineError(run(BenchMain::commandLine, "synth", "--claims", "10"), "--into");
        assertOneLineError(mevo("build", "stray"), "unexpected argument 'stray'");
        assertOneLineError(mevo("query", "x.rq", "--format", "yaml"), "--format", "'yaml'");
    }

    @Test
    void unknownCommandAndNoCommand() {
        Run r = mevo("frobnicate");
        assertOneLineError(r, "unknown command 'frobnicate'", "./mevo --help");
        Run none = mevo();
        assertEquals(2, none.exit(), "./mevo without a command: usage, exit 2");
        assertTrue(none.out().contains("usage: ./mevo"), none.out());
    }

    @Test
    void anOperationsErrorIsOneLineWithExitCodeOne() {
        Run r = mevo("serve", "--watch", "5"); // fails before anything is built or started
        assertEquals(1, r.exit(), r.toString());
        assertEquals(List.of("mevo: error: --data and --watch need --persistent"), r.errLines());
    }

    @Test
    void topLevelHelpListsEveryCommandAndTheBenchCommands() {
        Run r = mevo("--help");
        assertEquals(0, r.exit());
        for (String c : List.of("build", "serve", "reload", "query", "refresh-imports", "resolve-ids", "test"))
            assertTrue(r.out().contains("  " + c + " "), c + " in\n" + r.out());
        assertTrue(r.out().contains("bench, bench-peers, bench-load, bench-startup, bench-scaling, synth: see bench/BENCHMARKS.md"), r.out());
    }

    @Test
    void everyCommandHasHelpListingItsOptions() {
        int commands = 0;
        for (Supplier<CommandLine> cli : List.<Supplier<CommandLine>>of(Main::commandLine, BenchMain::commandLine))
            for (var e : cli.get().getSubcommands().entrySet()) {
                if (e.getKey().equals("help")) continue;
                Run r = run(cli, e.getKey(), "--help");
                assertEquals(0, r.exit(), e.getKey() + " --help: " + r);
                assertTrue(r.out().startsWith("usage: ./mevo " + e.getKey()), r.out());
                for (OptionSpec o : e.getValue().getCommandSpec().options()) {
                    if (o.hidden()) { // for the ./mevo script's own use (serve --warm-up-and-exit), not for users
                        assertFalse(r.out().contains(o.longestName()), e.getKey() + " --help hides " + o.longestName());
                        continue;
                    }
                    assertTrue(r.out().contains(o.longestName()), e.getKey() + " --help lists " + o.longestName() + ":\n" + r.out());
                }
                assertTrue(r.out().contains("--project"), e.getKey() + " takes --project");
                commands++;
            }
        assertEquals(12, commands, "6 pipeline commands and 6 bench commands");
        Run serve = mevo("serve", "--help");
        for (String o : List.of("--port=N", "HTTP port (default 3030)", "--localhost", "--persistent", "--data=DIR", "--watch=N",
                "--release=DIR", "--no-build"))
            assertTrue(serve.out().contains(o), o + " in\n" + serve.out());
    }
}
