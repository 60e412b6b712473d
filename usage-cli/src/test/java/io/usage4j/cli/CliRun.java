package io.usage4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process with captured stdout/stderr, a chosen environment and a fixed clock. */
final class CliRun {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    final int exitCode;
    final String out;
    final String err;

    private CliRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code args} in {@code workingDirectory} with no environment variables set. */
    static CliRun run(Path workingDirectory, String... args) {
        return run(workingDirectory, Map.of(), false, args);
    }

    static CliRun run(Path workingDirectory, Map<String, String> environment, boolean terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true), environment::get,
                terminal, workingDirectory, CLOCK);
        int code = Cli.run(context, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The lines of stderr. */
    List<String> errLines() {
        return err.isEmpty() ? List.of() : Arrays.asList(err.split("\\R"));
    }

    /** The lines of stderr that report an error. */
    List<String> errorLines() {
        return errLines().stream().filter(line -> line.startsWith("error: ")).toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}
