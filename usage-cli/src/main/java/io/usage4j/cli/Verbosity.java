package io.usage4j.cli;

import picocli.CommandLine.Option;

/** The {@code --verbose} option every command takes. */
public final class Verbosity {
    @Option(names = {"-v", "--verbose"}, description = "Print stack traces with errors, and debug logging of every HTTP request.")
    boolean verbose;

    /** Whether {@code --verbose} was given. */
    public boolean verbose() {
        return verbose;
    }
}
