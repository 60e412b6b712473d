package io.usage4j.cli;

import io.usage4j.core.UsageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a failure into one readable line: which source, what failed, what to do. Exception messages
 * of usage4j already name the provider and the remedy and never carry a credential; as a second
 * guard every known secret value is masked before anything is printed, and everything printed is
 * made {@linkplain Terminal#inert inert}.
 */
final class Errors {
    private Errors() {}

    /** One line for {@code failure}, prefixed by {@code where} (a usage URL, a file) when not null. */
    static String line(String where, Throwable failure, Collection<String> secrets) {
        String text;
        if (failure instanceof UsageException) {
            text = failure.getMessage();
        } else if (failure instanceof java.io.UncheckedIOException io && io.getCause() != null) {
            text = io.getMessage() + " (" + io.getCause().getClass().getSimpleName()
                    + (io.getCause().getMessage() == null ? "" : ": " + io.getCause().getMessage()) + ")";
        } else if (failure instanceof java.io.IOException) {
            text = "I/O failure: " + failure.getMessage();
        } else {
            text = "unexpected " + failure.getClass().getSimpleName() + ": " + failure.getMessage()
                    + " (this is a bug; please report it with the output of --verbose)";
        }
        String line = (where == null ? "" : where + ": ") + oneLine(text);
        return Terminal.inert(redact(line, secrets));
    }

    /** Prints the stack trace of {@code failure} with every secret masked. */
    static void printStack(PrintWriter err, Throwable failure, Collection<String> secrets) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        for (String line : redact(text.toString(), secrets).split("\\R")) {
            err.println(Terminal.inert(line));
        }
        err.flush();
    }

    static String oneLine(String text) {
        return text == null ? "(no message)" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    static String redact(String text, Collection<String> secrets) {
        String result = text;
        List<String> longestFirst = secrets.stream().filter(s -> s != null && s.length() >= 4)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String secret : longestFirst) {
            result = result.replace(secret, "****");
        }
        return result;
    }
}
