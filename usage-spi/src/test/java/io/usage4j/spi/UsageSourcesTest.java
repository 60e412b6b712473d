package io.usage4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usage4j.core.ConfigurationException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.focus.FocusCsvWriter;
import io.usage4j.core.focus.FocusValidator;
import io.usage4j.core.focus.FocusViolation;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.testproviders.BadIdUsageSourceProvider;
import io.usage4j.spi.testproviders.BrokenIdUsageSourceProvider;
import io.usage4j.spi.testproviders.DuplicateMemoryUsageSourceProvider;
import io.usage4j.spi.testproviders.FlatUsageSourceProvider;
import io.usage4j.spi.testproviders.InMemoryUsageSource;
import io.usage4j.spi.testproviders.MemoryUsageSourceProvider;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageSourcesTest {
    private static final String TOKEN = "mem-secret-7f3a9c";
    private static final String API_KEY = "flat-key-51b2e8";

    private static UsageSources registry(Map<String, String> environment) {
        return UsageSources.builder().environment(environment::get).build();
    }

    private static UsageSources registry() {
        return registry(Map.of());
    }

    @Test
    void discoversBothTestProvidersSortedById() {
        UsageSources sources = registry();
        assertThat(sources.list()).extracting(UsageSourceProvider::id).containsExactly("flat", "memory");
        assertThat(sources.provider("memory")).get().isInstanceOf(MemoryUsageSourceProvider.class);
        assertThat(sources.provider("nope")).isEmpty();
        assertThat(sources.loadFailures()).isEmpty();
        assertThat(new FlatUsageSourceProvider().description()).isEqualTo("flat");
    }

    @Test
    void opensEachProviderByUrl() {
        UsageSources sources = registry();
        try (UsageSource memory = sources.openSource("usage:memory:acct-42?dataset=beta", Map.of("token", TOKEN));
                UsageSource flat = sources.openSource("usage:flat:?region=eu-west", Map.of("api_key", API_KEY))) {
            assertThat(memory.providerId()).isEqualTo("memory");
            assertThat(((InMemoryUsageSource) memory).account()).isEqualTo("acct-42");
            SourceConfig memoryConfig = ((InMemoryUsageSource) memory).config();
            assertThat(memoryConfig.require("token")).isEqualTo(TOKEN);
            assertThat(memoryConfig.get("dataset")).contains("beta");
            assertThat(memory.toString()).doesNotContain(TOKEN).contains("token=****");

            assertThat(flat.providerId()).isEqualTo("flat");
            assertThat(((InMemoryUsageSource) flat).config().require("region")).isEqualTo("eu-west");
            assertThat(flat.toString()).doesNotContain(API_KEY);
        }
    }

    @Test
    void propertiesWinOverUrlOptions() {
        try (UsageSource memory = registry().openSource("usage:memory:a?dataset=from-url",
                Map.of("token", TOKEN, "dataset", "from-props"))) {
            assertThat(((InMemoryUsageSource) memory).config().get("dataset")).contains("from-props");
        }
    }

    @Test
    void unsetPropertiesFallBackToTheEnvironmentInOrder() {
        Map<String, String> env = Map.of("MEMORY_API_TOKEN", "second-var-token", "FLAT_API_KEY", API_KEY,
                "FLAT_REGION", "us-east");
        try (UsageSource memory = registry(env).openSource("usage:memory:a", Map.of());
                UsageSource flat = registry(env).openSource("usage:flat:", Map.of())) {
            assertThat(((InMemoryUsageSource) memory).config().require("token")).isEqualTo("second-var-token");
            assertThat(((InMemoryUsageSource) flat).config().require("region")).isEqualTo("us-east");
        }
        Map<String, String> both = Map.of("MEMORY_TOKEN", "first-var-token", "MEMORY_API_TOKEN", "second-var-token");
        try (UsageSource memory = registry(both).openSource("usage:memory:a", Map.of())) {
            assertThat(((InMemoryUsageSource) memory).config().require("token")).isEqualTo("first-var-token");
        }
        try (UsageSource memory = registry(both).openSource("usage:memory:a", Map.of("token", TOKEN))) {
            assertThat(((InMemoryUsageSource) memory).config().require("token")).as("a given property wins").isEqualTo(TOKEN);
        }
        Map<String, String> blank = new HashMap<>();
        blank.put("token", null);
        try (UsageSource memory = registry(both).openSource("usage:memory:a", blank)) {
            assertThat(((InMemoryUsageSource) memory).config().require("token")).as("null means not given")
                    .isEqualTo("first-var-token");
        }
        try (UsageSource memory = registry(both).openSource("usage:memory:a", Map.of("token", "  "))) {
            assertThat(((InMemoryUsageSource) memory).config().require("token")).as("blank means not given")
                    .isEqualTo("first-var-token");
        }
    }

    @Test
    void aSecretInTheUrlIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> registry().openSource("usage:memory:a?token=" + TOKEN, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("credential 'token' must not be given in the usage URL")
                .hasMessageContaining("property 'token' or environment variable MEMORY_TOKEN / MEMORY_API_TOKEN")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void unknownPropertiesAreRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> registry().openSource("usage:memory:a?datset=x", Map.of("token", TOKEN)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[memory] unknown property [datset]; memory reads [token, dataset]");
        Map<String, String> typo = new HashMap<>();
        typo.put("tokn", null);
        typo.put("token", TOKEN);
        assertThatThrownBy(() -> registry().openSource("usage:memory:a", typo))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown property [tokn]")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> registry().openSource("usage:memory:a", Map.of("a_x", "1", "b_y", "2", "token", TOKEN)))
                .hasMessageContaining("unknown properties [a_x, b_y]");
    }

    @Test
    void aMissingCredentialNamesThePropertyAndTheEnvironmentVariables() {
        assertThatThrownBy(() -> registry().openSource("usage:memory:a", Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("[memory] missing credential: set property 'token' or environment variable MEMORY_TOKEN / MEMORY_API_TOKEN");
    }

    @Test
    void aMissingSettingNeverShowsTheSecretThatWasGiven() {
        assertThatThrownBy(() -> registry().openSource("usage:flat:", Map.of("api_key", API_KEY)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("[flat] missing setting: set property 'region' or environment variable FLAT_REGION")
                .hasMessageNotContaining(API_KEY);
        assertThatThrownBy(() -> registry().openSource("usage:flat:?region=eu&timeout=soon", Map.of("api_key", API_KEY)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("property 'timeout' must be a duration such as 500ms, 30s, 2m or PT30S (got 'soon')")
                .hasMessageNotContaining(API_KEY);
    }

    @Test
    void anUnknownProviderListsTheInstalledOnes() {
        assertThatThrownBy(() -> registry().openSource("usage:cloudflare:abc", Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("no usage provider 'cloudflare' is installed; installed: flat, memory."
                        + " Add the provider jar to the class path, or fix the URL");
        assertThatThrownBy(() -> registry().openSource("not a url", Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("is not a usage URL");
    }

    @Test
    void anEmptyRegistrySaysWhichJarToAdd(@TempDir Path empty) throws IOException {
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {empty.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            UsageSources none = UsageSources.builder().classLoader(isolated).environment(name -> null).build();
            assertThat(none.list()).isEmpty();
            assertThatThrownBy(() -> none.openSource("usage:fastly:", Map.of()))
                    .hasMessageContaining("no usage provider 'fastly' is installed; none is: add a provider jar such as io.usage4j:provider-fastly");
        }
    }

    private static URLClassLoader withServices(Path dir, String... classNames) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(UsageSourceProvider.class.getName()), String.join("\n", classNames) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, UsageSourcesTest.class.getClassLoader());
    }

    @Test
    void duplicateIdsFailNamingBothClasses(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = withServices(dir, DuplicateMemoryUsageSourceProvider.class.getName())) {
            assertThatThrownBy(() -> UsageSources.builder().classLoader(loader).environment(name -> null).build())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("two usage providers have the id 'memory'")
                    .hasMessageContaining(MemoryUsageSourceProvider.class.getName())
                    .hasMessageContaining(DuplicateMemoryUsageSourceProvider.class.getName());
        }
    }

    @Test
    void aProviderThatFailsToLoadIsReported(@TempDir Path dir) throws IOException {
        String missing = "io.usage4j.spi.testproviders.NoSuchUsageSourceProvider";
        try (URLClassLoader loader = withServices(dir, missing)) {
            UsageSources sources = UsageSources.builder().classLoader(loader).environment(name -> null).build();

            assertThat(sources.list()).extracting(UsageSourceProvider::id).containsExactly("flat", "memory");
            assertThat(sources.loadFailures()).hasSize(1);
            assertThat(sources.loadFailures().get(0)).startsWith("ServiceConfigurationError").contains(missing);
            assertThatThrownBy(() -> sources.openSource("usage:nosuch:x", Map.of()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("installed: flat, memory")
                    .hasMessageContaining("Providers that failed to load: ServiceConfigurationError")
                    .hasMessageContaining(missing);
        }
    }

    @Test
    void aProviderWithAnUnusableIdIsSkippedAndReported(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = withServices(dir, BadIdUsageSourceProvider.class.getName(),
                BrokenIdUsageSourceProvider.class.getName())) {
            UsageSources sources = UsageSources.builder().classLoader(loader).environment(name -> null).build();

            assertThat(sources.list()).extracting(UsageSourceProvider::id).containsExactly("flat", "memory");
            assertThat(sources.loadFailures()).containsExactly(
                    BadIdUsageSourceProvider.class.getName() + " has the id 'Bad_Id', which no usage URL can name"
                            + " (lower case letters, digits and '-', starting with a letter)",
                    BrokenIdUsageSourceProvider.class.getName()
                            + ".id() failed: java.lang.IllegalStateException: configuration file not found");
        }
    }

    /** Done when: both in-test providers fetched through the planner, written as FOCUS CSV, validate with no error. */
    @Test
    void fetchFromBothProvidersWriteFocusCsvAndValidateIt() {
        Map<String, String> env = Map.of("MEMORY_TOKEN", TOKEN, "FLAT_API_KEY", API_KEY, "FLAT_REGION", "eu-west");
        UsageSources sources = registry(env);
        UsageQuery query = UsageQuery.between(LocalDate.parse("2025-01-15"), LocalDate.parse("2025-03-10"));
        StringWriter out = new StringWriter();
        List<UsageRecord> memoryRecords;
        List<UsageRecord> flatRecords;
        try (UsageSource memory = sources.openSource("usage:memory:acct-1", Map.of());
                UsageSource flat = sources.openSource("usage:flat:", Map.of())) {
            List<String> extensions = new ArrayList<>(memory.capabilities().extensionColumns());
            extensions.addAll(flat.capabilities().extensionColumns());
            try (Stream<UsageRecord> m = memory.fetch(query); Stream<UsageRecord> f = flat.fetch(query)) {
                memoryRecords = m.toList();
                flatRecords = f.toList();
            }
            try (FocusCsvWriter writer = new FocusCsvWriter(out, extensions)) {
                writer.writeAll(memoryRecords.stream());
                writer.writeAll(flatRecords.stream());
                assertThat(writer.rowsWritten()).isEqualTo(memoryRecords.size() + flatRecords.size());
            }
            // 54 days in 7-day windows, two metrics a day; the flat source's three touched months
            List<Window> windows = MemoryUsageSourceProvider.windowsOf((InMemoryUsageSource) memory);
            assertThat(windows).hasSize(8);
            assertThat(windows.get(0).start()).isEqualTo(query.from());
            assertThat(windows.get(7).end()).isEqualTo(query.to());
        }
        assertThat(memoryRecords).hasSize(54 * 2);
        assertThat(flatRecords).hasSize(3);
        assertThat(flatRecords).allSatisfy(r -> assertThat(query.overlaps(r)).isTrue());

        String csv = out.toString();
        assertThat(csv).doesNotContain(TOKEN).doesNotContain(API_KEY);
        try (Stream<FocusViolation> violations = FocusValidator.validateCsv(new StringReader(csv))) {
            assertThat(violations).filteredOn(FocusViolation::isError).isEmpty();
        }
        try (Stream<FocusViolation> violations = FocusValidator.validateCsv(new StringReader(csv))) {
            // The FOCUS model also asks Usage rows for a PricingCategory and a PricingQuantity (PricingCategory-C-004-C,
            // PricingQuantity-C-005-C), which these test sources do not always report: INCOMPLETE, the only things missing.
            assertThat(violations).as("both sources report every not-null column").allSatisfy(v -> assertThat(v.ruleId() + " "
                    + v.severity()).isIn("PricingCategory-C-004-C INCOMPLETE", "PricingQuantity-C-005-C INCOMPLETE"));
        }
    }

    @Test
    void clientSideFiltersApplyToTheSourceThatDoesNotPushThemDown() {
        Map<String, String> env = Map.of("MEMORY_TOKEN", TOKEN, "FLAT_API_KEY", API_KEY, "FLAT_REGION", "eu-west");
        UsageSources sources = registry(env);
        UsageQuery requestsInEu = UsageQuery.builder().from(LocalDate.parse("2025-02-01")).to(LocalDate.parse("2025-02-03"))
                .addMetrics("requests").addSubAccountIds("eu-west").build();
        try (UsageSource memory = sources.openSource("usage:memory:acct-1", Map.of());
                UsageSource flat = sources.openSource("usage:flat:", Map.of());
                Stream<UsageRecord> m = memory.fetch(requestsInEu);
                Stream<UsageRecord> f = flat.fetch(requestsInEu)) {
            // memory records have no sub-account: the SUB_ACCOUNT filter (not pushed down) drops them all
            assertThat(m).isEmpty();
            // flat records have no SkuId/SkuMeter: the METRIC filter drops them
            assertThat(f).isEmpty();
        }
        UsageQuery requests = UsageQuery.builder().from(LocalDate.parse("2025-02-01")).to(LocalDate.parse("2025-02-03"))
                .addMetrics("requests").build();
        try (UsageSource memory = sources.openSource("usage:memory:acct-1", Map.of());
                Stream<UsageRecord> m = memory.fetch(requests)) {
            assertThat(m).hasSize(2).allSatisfy(r -> assertThat(r.skuId()).contains("requests"));
        }
    }
}
