package io.usage4j.dataset.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Replacing a file so that a reader, or the next run after a crash, sees either the old version or the
 * new one, never a mix: write a hidden temporary file in the same directory, force it to disk, then
 * rename it over the target in one atomic step.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** A fresh temporary path beside {@code target}, hidden and not ending in {@code .parquet}. */
    public static Path temporaryFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    /** Moves {@code temporary} over {@code target} atomically. */
    public static void replace(Path temporary, Path target) throws IOException {
        force(temporary);
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target + " cannot rename atomically, so a partition could be"
                    + " left half-written; keep the dataset on a local file system", e);
        }
    }

    /** Writes {@code text} to {@code target} through a temporary file and an atomic move. */
    public static void writeString(Path target, String text) {
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            replace(temporary, target);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Flushes {@code file}'s content to the storage device, so the rename never exposes an empty file after a crash. */
    static void force(Path file) throws IOException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Deletes {@code file} if it exists, ignoring failure (a leftover temporary file is harmless and removed later). */
    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a hidden .tmp file left behind is cleaned up by the next sync
        }
    }
}
