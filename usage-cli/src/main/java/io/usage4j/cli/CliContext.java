package io.usage4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the commands read from the world, injected so tests run the CLI in-process: the output and
 * error streams, the environment variables, whether stderr is a terminal, the working directory and
 * the clock.
 *
 * @param out where results go (stdout)
 * @param err where progress, log-like notes and errors go (stderr)
 * @param environment environment variable lookup; {@code name -> null} for "none set"
 * @param terminal whether stderr is an interactive terminal (progress is shown only then)
 * @param workingDirectory where relative paths are resolved
 * @param clock what "today" is (UTC)
 */
public record CliContext(PrintWriter out, PrintWriter err, Function<String, String> environment, boolean terminal,
        Path workingDirectory, Clock clock) {

    /** Checks the fields. */
    public CliContext {
        Objects.requireNonNull(out, "out is null");
        Objects.requireNonNull(err, "err is null");
        Objects.requireNonNull(environment, "environment is null");
        Objects.requireNonNull(workingDirectory, "workingDirectory is null");
        Objects.requireNonNull(clock, "clock is null");
    }

    /** The real process: System.out/err, the process environment, the console, the current directory. */
    public static CliContext system() {
        return new CliContext(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System::getenv,
                System.console() != null, Path.of("").toAbsolutePath(), Clock.systemUTC());
    }

    /** {@code path} resolved against the working directory. */
    public Path resolve(String path) {
        return workingDirectory.resolve(path);
    }
}
