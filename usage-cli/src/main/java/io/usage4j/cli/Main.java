package io.usage4j.cli;

import java.util.Arrays;

/** The entry point of {@code java -jar usage4j.jar}. */
public final class Main {
    private Main() {}

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        configureLogging(Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v"));
        System.exit(Cli.run(CliContext.system(), args));
    }

    /**
     * slf4j-simple reads its settings once, when the first logger is made, so they are set before
     * anything logs: the kit's retry lines at INFO always, debug (every HTTP request) only with
     * {@code --verbose}. System properties given on the java command line win.
     */
    static void configureLogging(boolean verbose) {
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.log.io.usage4j", System.getProperty("org.slf4j.simpleLogger.log.io.usage4j", "debug"));
            System.setProperty("org.slf4j.simpleLogger.log.io.usage4j.spi.kit.HttpKit",
                    System.getProperty("org.slf4j.simpleLogger.log.io.usage4j.spi.kit.HttpKit", "debug"));
        }
    }
}
