package io.usage4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usage4j.spi.UsageSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a --properties file is split between providers. */
class PropertiesFileTest {
    @TempDir
    Path dir;

    UsageSources registry;
    StringWriter err = new StringWriter();

    @BeforeEach
    void registry() {
        registry = FakeProvider.registry(dir);
    }

    PropertiesFile load(String text) throws IOException {
        Path file = dir.resolve("p.properties");
        Files.writeString(file, text);
        return PropertiesFile.load(file, registry, new PrintWriter(err, true));
    }

    @Test
    @DisplayName("a prefixed key goes to its provider; an unprefixed one to every provider that reads it; prefixed wins")
    void split() throws IOException {
        PropertiesFile file = load("fake.token=f\nother.token=o\nmax_retries=3\nother.max_retries=7\nregion=eu\n");
        assertThat(file.forProvider("fake")).isEqualTo(Map.of("token", "f", "max_retries", "3"));
        assertThat(file.forProvider("other")).isEqualTo(Map.of("token", "o", "max_retries", "7", "region", "eu"));
        assertThat(file.forProvider("absent")).isEmpty();
    }

    @Test
    @DisplayName("a key no installed provider reads is refused, naming the installed providers, never the value")
    void unknown() {
        assertThatThrownBy(() -> load("tokn=secret-value\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no installed provider reads 'tokn'").hasMessageContaining("installed: fake, other")
                .hasMessageNotContaining("secret-value");
        assertThatThrownBy(() -> load("fake.region=eu\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fake has no property 'region'").hasMessageContaining("token");
    }

    @Test
    @DisplayName("Properties syntax: comments, spaces around '=', escapes")
    void syntax() throws IOException {
        PropertiesFile file = load("# credentials\nfake.token = a\\=b  \n! another comment\n");
        assertThat(file.forProvider("fake")).containsEntry("token", "a=b");
    }
}
