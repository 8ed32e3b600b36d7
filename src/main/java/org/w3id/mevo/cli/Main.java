package org.w3id.mevo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.query.QueryOperation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code ./mevo}: the command layer. Each command is one class that parses its declared options into the operation's
 * Options record and calls the operation. A command-line mistake (unknown option, missing or malformed value) is one
 * line on standard error and exit code 2; a {@link MevoException} or I/O error from an operation is
 * {@code mevo: error: MESSAGE} and exit code 1.
 */
@Command(name = "./mevo", synopsisHeading = "usage: ", customSynopsis = "./mevo <command> [options]",
        subcommands = {BuildCommand.class, ServeCommand.class, ReloadCommand.class, QueryCommand.class,
                RefreshImportsCommand.class, ResolveIdsCommand.class, HelpCommand.class},
        commandListHeading = "%ncommands:%n", optionListHeading = "%noptions:%n",
        footer = {"",
                "  test [--fast]         install what the tests need, then run `mvn -B verify` (--fast: the fast tier only)",
                "  bench, bench-peers, bench-load, bench-startup, bench-scaling, synth: see bench/BENCHMARKS.md",
                "  ./mevo COMMAND --help  the options of one command; --project DIR (any command) uses the MEVO checkout at DIR",
                "",
                "Endpoint: http://localhost:3030/mevo/sparql (also /mevo/query); landing page http://localhost:3030/,",
                "query editor /editor.html (plain page /query.html), Fuseki UI /ui/, entity pages /MEVO_0000102", ""})
public final class Main extends TopCommand {
    /** Exit code of a command-line mistake (as {@code ./mevo} without a command). */
    public static final int USAGE = 2;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        // serve returns only when its server stops; its server threads keep the JVM alive until then
        if (code != 0 || !(args.length > 0 && args[0].equals("serve"))) System.exit(code);
    }

    /** The {@code ./mevo} command line (standard output and error as the process's). */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new Main()));
    }

    /**
     * Gives {@code cl} and its subcommands the shared behaviour: help width, number converters whose error names the
     * value, one-line parameter errors (exit 2), and {@code mevo: error: MESSAGE} for an operation's failure (exit 1).
     */
    public static CommandLine configure(CommandLine cl) {
        cl.setUsageHelpWidth(120);
        for (CommandLine sub : cl.getSubcommands().values())
            sub.getCommandSpec().usageMessage().synopsisHeading("usage: ").descriptionHeading("%n").optionListHeading("%noptions:%n");
        cl.registerConverter(Integer.class, number(Integer::valueOf)).registerConverter(int.class, number(Integer::valueOf));
        cl.registerConverter(Long.class, number(Long::valueOf)).registerConverter(long.class, number(Long::valueOf));
        cl.registerConverter(Double.class, number(Double::valueOf)).registerConverter(double.class, number(Double::valueOf));
        cl.setParameterExceptionHandler(Main::parameterError);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof MevoException || e instanceof IOException || e instanceof UncheckedIOException) {
                line.getErr().println("mevo: error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cl;
    }

    /** One line naming the option and the value, and where the options are listed; exit code 2. */
    static int parameterError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        String where = cl.getParent() == null ? "./mevo --help" : "./mevo " + cl.getCommandName() + " --help";
        err.println("mevo: error: " + describe(e) + " (see " + where + ")");
        err.flush();
        return USAGE;
    }

    private static String describe(ParameterException e) {
        ArgSpec arg = e.getArgSpec();
        String name = arg instanceof OptionSpec o ? o.longestName() : arg != null ? arg.paramLabel() : null;
        if (e.getCause() instanceof TypeConversionException t && name != null) return name + ": " + t.getMessage();
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            if (first.startsWith("-")) {
                String near = nearest(first, e.getCommandLine().getCommandSpec().options());
                return "unknown option '" + first + "'" + (near == null ? "" : " (did you mean " + near + "?)");
            }
            if (e.getCommandLine().getParent() == null) return "unknown command '" + first + "'";
            return "unexpected argument '" + first + "'";
        }
        if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()) {
            ArgSpec missing = m.getMissing().get(0);
            if (missing instanceof OptionSpec o)
                return o.required() && !e.getMessage().contains("parameter for option")
                        ? "missing required option " + o.longestName() + " " + o.paramLabel()
                        : o.longestName() + " needs a value (" + o.paramLabel() + ")";
            return "missing " + missing.paramLabel();
        }
        return e.getMessage();
    }

    /** The option name closest to a mistyped {@code word} (at most 2 edits, a swap of neighbours counting 1), or null. */
    static String nearest(String word, List<OptionSpec> options) {
        String best = null;
        int bestDistance = 3;
        for (OptionSpec o : options)
            for (String name : o.names()) {
                int d = editDistance(word, name);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = name;
                }
            }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++)
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        return d[a.length()][b.length()];
    }

    private static <T> ITypeConverter<T> number(Function<String, T> parse) {
        return s -> {
            try {
                return parse.apply(s.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + s + "' is not a number");
            }
        };
    }

    /** {@code --format F} of query: an unknown format is a command-line mistake. */
    static final class FormatConverter implements ITypeConverter<QueryOperation.Format> {
        @Override
        public QueryOperation.Format convert(String s) {
            try {
                return QueryOperation.Options.parseFormat(s);
            } catch (MevoException e) {
                throw new TypeConversionException("'" + s + "' is not a format (table, tsv, csv, json, xml, curies)");
            }
        }
    }
}
