/**
 * The usage4j command line ({@code java -jar usage4j.jar}): {@code providers}, {@code fetch},
 * {@code validate} and a self-contained {@code demo}. Entry point: {@link io.usage4j.cli.Main};
 * in-process use: {@link io.usage4j.cli.Cli}.
 */
package io.usage4j.cli;
