package io.usage4j.cli;

import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code usage4j} command line: {@code providers}, {@code fetch}, {@code sync}, {@code validate}, {@code metrics}, {@code demo}.
 * Build one with {@link #commandLine(CliContext)} (tests pass their own streams and environment) or
 * run it with {@link #run(CliContext, String...)}.
 *
 * <p>Exit codes: 0 success; 1 a source or the checked file failed; 2 bad arguments. An error is one
 * line on stderr naming the source, what failed and what to do; {@code --verbose} adds the stack trace.
 */
@Command(name = "usage4j", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, usageHelpAutoWidth = true,
        description = {"Billing usage from Cloudflare, Fastly, Cloudinary and Latitude.sh as FinOps FOCUS records.",
            "Start with: usage4j demo"},
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a source failed, or the checked file has errors",
            "2:bad arguments (a malformed usage URL or one carrying a credential, an unknown provider, a refused range)"})
public final class Cli implements Runnable {
    @Spec
    CommandSpec spec;

    private Cli() {}

    /** A command line wired to {@code context}. */
    public static CommandLine commandLine(CliContext context) {
        Objects.requireNonNull(context, "context is null");
        CommandLine line = new CommandLine(new Cli());
        line.addSubcommand("providers", new ProvidersCommand(context));
        line.addSubcommand("fetch", new FetchCommand(context));
        line.addSubcommand("validate", new ValidateCommand(context));
        line.addSubcommand("sync", new SyncCommand(context));
        line.addSubcommand("metrics", new MetricsCommand(context));
        line.addSubcommand("demo", new DemoCommand(context));
        line.addSubcommand("help", new CommandLine.HelpCommand());
        line.setOut(context.out());
        line.setErr(context.err());
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setParameterExceptionHandler(parameterErrors());
        line.setExecutionExceptionHandler(executionErrors());
        return line;
    }

    /** Runs {@code args} and returns the exit code. */
    public static int run(CliContext context, String... args) {
        int code = commandLine(context).execute(args);
        context.out().flush();
        context.err().flush();
        return code;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: providers, fetch, sync, validate, metrics or demo");
    }

    private static IParameterExceptionHandler parameterErrors() {
        return (ParameterException e, String[] args) -> {
            CommandLine command = e.getCommandLine();
            java.io.PrintWriter err = command.getErr();
            err.println("error: " + Terminal.inert(Errors.oneLine(e.getMessage())));
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return 2;
        };
    }

    private static IExecutionExceptionHandler executionErrors() {
        return (Exception e, CommandLine command, ParseResult parsed) -> {
            java.io.PrintWriter err = command.getErr();
            err.println("error: " + Errors.line(null, e, List.of()));
            if (verbose(parsed)) {
                Errors.printStack(err, e, List.of());
            } else {
                err.println("(run with --verbose for the stack trace)");
            }
            err.flush();
            return 1;
        };
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult result = parsed; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"usage4j " + (version == null ? "(development build)" : version),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
