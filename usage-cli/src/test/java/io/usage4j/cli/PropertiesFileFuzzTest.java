package io.usage4j.cli;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.usage4j.spi.UsageSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Fuzzes the {@code --properties} file reader: whatever the file holds, it loads or is refused with an
 * {@link IllegalArgumentException}, and a line that is not a property setting is never echoed.
 */
class PropertiesFileFuzzTest {
    private static final Path DIR;
    private static final UsageSources REGISTRY;

    static {
        try {
            DIR = Files.createTempDirectory("properties-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        REGISTRY = FakeProvider.registry(DIR);
    }

    @FuzzTest(maxDuration = "5s")
    void load(FuzzedDataProvider data) throws IOException {
        String token = "Tk9" + data.consumeAsciiString(12) + "x7Q";
        String text = data.consumeRemainingAsString().replace("@TOKEN@", token) + "\n" + token + "\n";
        Path file = DIR.resolve("fuzz.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        StringWriter err = new StringWriter();
        try {
            PropertiesFile.load(file, REGISTRY, new PrintWriter(err, true));
        } catch (IllegalArgumentException refused) {
            if (refused.getMessage().contains(token)) {
                throw new IllegalStateException("the message echoes a line holding only a token: " + refused.getMessage());
            }
        }
    }
}
