package io.usage4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An {@code --output} file that never destroys what was there: records are written to a hidden file
 * beside the target ({@code .NAME.<random>.part}) and moved into place only when the fetch is over.
 * A fetch that failed before its first record leaves an existing target untouched. A fetch that wrote
 * records but lost a source mid-way is moved into place with a marker beside it,
 * {@code NAME.incomplete}, naming what is missing: {@code validate} reports it, and a pipeline checks for
 * it before loading the file. A later complete fetch to the same target removes the marker.
 *
 * <p>Why a sidecar and not a line in the CSV: FOCUS CSV readers (spreadsheets, Spark, pandas, DuckDB)
 * have no comment syntax they all skip; a trailing line would be read as a broken row or fail the
 * load. The CSV stays a valid FOCUS CSV, and the marker cannot be lost by a reader that skips lines.
 */
final class OutputFile implements AutoCloseable {
    /** The suffix of the marker of an incomplete file. */
    static final String INCOMPLETE = ".incomplete";

    private final Path target;
    private final Path part;
    private final Writer writer;
    private boolean finished;

    private OutputFile(Path target, Path part, Writer writer) {
        this.target = target;
        this.part = part;
        this.writer = writer;
    }

    /**
     * Opens a file beside {@code target} to write to.
     *
     * @throws IOException if the directory cannot be written
     */
    static OutputFile beside(Path target) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        String name = "." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                + ".part";
        Path part = directory.resolve(name);
        Writer writer = Files.newBufferedWriter(part, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        return new OutputFile(target, part, writer);
    }

    /** The marker beside {@code file} that says it is incomplete. */
    static Path marker(Path file) {
        return file.resolveSibling(file.getFileName() + INCOMPLETE);
    }

    /** Where records are written until the file is moved into place. */
    Writer writer() {
        return writer;
    }

    /** Moves the complete file into place, replacing the target, and removes a marker left by an earlier fetch. */
    void complete() throws IOException {
        writer.close();
        move();
        Files.deleteIfExists(marker(target));
        finished = true;
    }

    /**
     * Moves a file that lacks some sources' records into place, with a marker beside it listing what
     * failed. The marker is written first, so the target is never seen complete-looking while it is not.
     */
    void incomplete(List<String> failures) throws IOException {
        writer.close();
        StringBuilder text = new StringBuilder("INCOMPLETE: ").append(target.getFileName())
                .append(" lacks the records of sources that failed; fetch again before using it.\n");
        for (String failure : failures) {
            text.append(failure).append('\n');
        }
        Files.writeString(marker(target), text, StandardCharsets.UTF_8);
        move();
        finished = true;
    }

    /** Removes what was written and leaves the target as it was. */
    void abandon() {
        finished = true;
        try {
            writer.close();
        } catch (IOException ignored) {
            // the part file is deleted below either way
        }
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + part, e);
        }
    }

    private void move() throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException notAtomic) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Abandons the file unless it was moved into place. */
    @Override
    public void close() {
        if (!finished) {
            abandon();
        }
    }
}
