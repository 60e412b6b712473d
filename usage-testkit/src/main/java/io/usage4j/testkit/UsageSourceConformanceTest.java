package io.usage4j.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.usage4j.core.AuthenticationException;
import io.usage4j.core.ImmutableUsageQuery;
import io.usage4j.core.ConfigurationException;
import io.usage4j.core.QueryFilter;
import io.usage4j.core.RequestException;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.TransientException;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.focus.FocusValidator;
import io.usage4j.core.focus.FocusViolation;
import io.usage4j.core.plan.QueryPlanner;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.SourceConfig;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.spi.SourceRuntime;
import io.usage4j.spi.UsageSources;
import io.usage4j.spi.kit.HttpKit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite every usage4j plugin passes. A plugin's test extends this class and says how
 * to reach it (its provider, URL, credentials) and what its fixtures answer (its {@link Scenario}s);
 * the suite starts WireMock on loopback, runs the real plugin over real HTTP through
 * {@link UsageSources}, adds faults, and checks, in nested groups: discovery, configuration, fetching,
 * paging and windows, resilience, secrecy and the requests sent.
 *
 * <p>The suite opens sources with {@code max_retries=2}, {@code read_timeout=1s},
 * {@code max_concurrency=2} and an empty environment, and replaces the kit's retry sleeper with one
 * that records each delay instead of waiting (so a Retry-After of an hour costs nothing).
 * Log output is read through slf4j-simple, which the testkit brings and configures.
 */
public abstract class UsageSourceConformanceTest {

    /** A fresh instance of the plugin's provider. */
    protected abstract UsageSourceProvider provider();

    /** The usage URL to open, e.g. {@code usage:cloudflare:023e105f4ecef8ad9ca31a8372d0c353}. */
    protected abstract String url();

    /** Test values for the provider's credentials (its secret properties), by property name. */
    protected abstract Map<String, String> credentials();

    /** Other properties to open the source with (the suite adds {@code base_url} and retry settings). */
    protected Map<String, String> properties() {
        return Map.of();
    }

    /** The request header that carries the credential, e.g. {@code Authorization}. */
    protected abstract String authorizationHeader();

    /** The value that header must have with {@link #credentials()}, e.g. {@code Bearer test-token}. */
    protected abstract String expectedAuthorization();

    /** A successful fetch answered by the plugin's fixtures. */
    protected abstract Scenario fetch();

    /**
     * A fetch that needs several requests (pages or windows), if the provider's API has such a thing;
     * empty for an API that always answers in one request (the paging checks are then skipped).
     */
    protected Optional<Scenario> multiRequestFetch() {
        return Optional.empty();
    }

    /**
     * A fetch with a filter the provider pushes down to its API, answered by stubs that filter as the
     * API does. Needed only when the provider pushes a filter down; otherwise the suite derives the
     * filtered fetch from {@link #fetch()}.
     */
    protected Optional<Scenario> filteredFetch() {
        return Optional.empty();
    }

    /**
     * Totals the provider's documentation states for the plugin's fixtures (a billing cycle's usage, a
     * period's total price, an invoice total). A plugin opts in by listing them: the suite then checks
     * that the source's rows add up to each, within the provider's documented rounding, so that rows
     * counting the same usage twice (or dropping some) fail. Empty, the default, skips the check.
     */
    protected List<DocumentedTotal> documentedTotals() {
        return List.of();
    }

    /**
     * Whether the plugin's classes carry a module descriptor that must agree with its
     * {@code META-INF/services} entry. Every published plugin must say yes (module-path users find
     * providers only through {@code provides ... with ...}); a plugin compiled into test classes, which
     * cannot hold a module descriptor, is the one case for no.
     */
    protected boolean packagedAsModule() {
        return true;
    }

    /** The text of a class-path resource of the plugin's test (e.g. a fixture copied into src/test/resources). */
    protected final String fixture(String resource) {
        String name = resource.startsWith("/") ? resource : "/" + resource;
        try (InputStream in = getClass().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name + " on the class path of " + getClass().getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading test resource " + name + " failed", e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Infrastructure
    // ---------------------------------------------------------------------------------------------

    private static final String SERVICE_FILE = "META-INF/services/" + UsageSourceProvider.class.getName();
    private static final int MAX_RETRIES = 2;

    private WireMockServer server;
    private LogCapture logs;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<String> describedObjects = new CopyOnWriteArrayList<>();

    @BeforeEach
    final void startConformanceServer() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        logs = LogCapture.start();
    }

    @AfterEach
    final void stopConformanceServerAndCheckSecrecy() throws Exception {
        try {
            logs.close();
            server.stop();
        } finally {
            assertNoSecretIn("the log output", logs.text());
            for (Throwable failure : failures) {
                assertNoSecretIn("an exception", describe(failure));
            }
            for (String text : describedObjects) {
                assertNoSecretIn("a toString()", text);
            }
        }
    }

    /** The WireMock server of the running check, for plugins that add checks of their own. */
    protected final WireMockServer server() {
        return server;
    }

    /** The retry delays the kit asked for during the running check, in order. */
    protected final List<Duration> retryDelays() {
        return List.copyOf(sleeps);
    }

    /** The properties the suite opens sources with: the plugin's, its credentials, and the suite's own. */
    protected final Map<String, String> suiteProperties() {
        Map<String, String> all = new LinkedHashMap<>(properties());
        all.putAll(credentials());
        all.put(HttpKit.BASE_URL, server.baseUrl());
        all.put(HttpKit.MAX_RETRIES, String.valueOf(MAX_RETRIES));
        all.put(HttpKit.READ_TIMEOUT, "1s");
        all.put(HttpKit.CONNECT_TIMEOUT, "2s");
        all.put(HttpKit.MAX_CONCURRENCY, "2");
        return all;
    }

    private UsageSources registry() {
        return UsageSources.builder().classLoader(getClass().getClassLoader()).environment(name -> null)
                .runtime(SourceRuntime.system().withSleeper(sleeps::add)).build();
    }

    /** Opens the plugin's source through {@link UsageSources}, as a user would. */
    protected final UsageSource open(Map<String, String> overrides) {
        Map<String, String> all = suiteProperties();
        all.putAll(overrides);
        all.values().removeIf(v -> v == null);
        UsageSource source = registry().openSource(url(), all);
        describedObjects.add(String.valueOf(source));
        return source;
    }

    private List<UsageRecord> fetchAll(Scenario scenario, Map<String, String> overrides) {
        try (UsageSource source = open(overrides); Stream<UsageRecord> records = source.fetch(scenario.query())) {
            return records.toList();
        }
    }

    private void register(Scenario scenario) {
        for (MappingBuilder stub : scenario.stubs()) {
            server.stubFor(stub);
        }
    }

    /** Runs {@code action}, which must fail with a {@link UsageException}, and keeps it for the secrecy check. */
    private UsageException failureOf(Runnable action) {
        try {
            action.run();
        } catch (UsageException e) {
            failures.add(e);
            return e;
        } catch (RuntimeException e) {
            failures.add(e);
            throw new AssertionError("expected a UsageException (or subclass) but got " + e, e);
        }
        throw new AssertionError("expected the fetch to fail with a UsageException, but it completed");
    }

    private void faultFirst(Scenario scenario, ResponseDefinitionBuilder fault) {
        server.stubFor(get(urlPathMatching(scenario.faultPath())).atPriority(1)
                .inScenario("conformance-fault").whenScenarioStateIs(STARTED)
                .willReturn(fault).willSetStateTo("healed"));
    }

    private void faultAlways(String pathRegex, ResponseDefinitionBuilder fault) {
        server.stubFor(get(urlPathMatching(pathRegex)).atPriority(1).willReturn(fault));
    }

    private long requestsMatching(String pathRegex) {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().split("\\?", 2)[0].matches(pathRegex))
                .count();
    }

    private Set<String> secrets() {
        Set<String> secrets = new HashSet<>();
        for (String value : credentials().values()) {
            if (value != null && value.length() >= 4) {
                secrets.add(value);
            }
        }
        return secrets;
    }

    private void assertNoSecretIn(String where, String text) {
        for (String secret : secrets()) {
            if (text != null && text.contains(secret)) {
                fail("a credential value appears in " + where + ": " + text.replace(secret, "<<SECRET>>"));
            }
        }
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            text.append(t).append('\n');
            for (Throwable suppressed : t.getSuppressed()) {
                text.append(suppressed).append('\n');
            }
        }
        return text.toString();
    }

    private Scenario requireMulti() {
        Optional<Scenario> multi = multiRequestFetch();
        Assumptions.assumeTrue(multi.isPresent(), "the plugin's API answers every query in one request");
        return multi.get();
    }

    // ---------------------------------------------------------------------------------------------
    // The checks
    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("discovery")
    class Discovery {

        @Test
        @DisplayName("ServiceLoader finds the provider")
        void serviceLoaderFindsTheProvider() {
            Class<?> type = provider().getClass();
            List<Class<?>> found = ServiceLoader.load(UsageSourceProvider.class, getClass().getClassLoader()).stream()
                    .map(ServiceLoader.Provider::type).collect(Collectors.toList());
            assertThat(found).as("providers found by ServiceLoader: is %s listed in %s?", type.getName(), SERVICE_FILE)
                    .contains(type);
        }

        @Test
        @DisplayName("UsageSources lists the provider under its id and opens its URL")
        void usageSourcesOpensTheUrl() {
            String id = provider().id();
            assertThat(id).as("provider id").matches("[a-z][a-z0-9-]*");
            assertThat(registry().provider(id)).as("UsageSources.provider(\"%s\")", id).isPresent();
            assertThat(url()).as("url() must name the provider").startsWith("usage:" + id + ":");
            try (UsageSource source = open(Map.of())) {
                assertThat(source.providerId()).isEqualTo(id);
                assertThat(source.capabilities()).isNotNull();
            }
        }

        @Test
        @DisplayName("META-INF/services and module-info name the same provider class")
        void servicesFileAndModuleInfoAgree() throws IOException, URISyntaxException {
            Class<?> type = provider().getClass();
            URL location = type.getProtectionDomain().getCodeSource().getLocation();
            try (URLClassLoader origin = new URLClassLoader(new URL[] {location}, null)) {
                URL services = origin.findResource(SERVICE_FILE);
                assertThat(services).as("%s in %s", SERVICE_FILE, location).isNotNull();
                String listed;
                try (InputStream in = services.openStream()) {
                    listed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                List<String> classes = listed.lines().map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty()).toList();
                assertThat(classes).as("classes listed in %s", SERVICE_FILE).contains(type.getName());

                if (!packagedAsModule()) {
                    return;
                }
                URL moduleInfo = origin.findResource("module-info.class");
                assertThat(moduleInfo).as("module-info.class in %s (module-path users need 'provides %s with %s')",
                        location, UsageSourceProvider.class.getName(), type.getName()).isNotNull();
                ModuleDescriptor descriptor;
                try (InputStream in = moduleInfo.openStream()) {
                    descriptor = ModuleDescriptor.read(in);
                }
                List<String> provided = descriptor.provides().stream()
                        .filter(p -> p.service().equals(UsageSourceProvider.class.getName()))
                        .flatMap(p -> p.providers().stream()).toList();
                assertThat(provided).as("module-info 'provides %s with ...'", UsageSourceProvider.class.getName())
                        .containsExactlyInAnyOrderElementsOf(classes);
            }
        }

        @Test
        @DisplayName("the provider's id is unique among the installed providers")
        void idIsUnique() {
            String id = provider().id();
            long withId = ServiceLoader.load(UsageSourceProvider.class, getClass().getClassLoader()).stream()
                    .map(ServiceLoader.Provider::get).filter(p -> p.id().equals(id)).count();
            assertThat(withId).as("installed providers with id '%s'", id).isEqualTo(1);
        }

        @Test
        @DisplayName("the provider declares its properties, the kit's common ones and at least one URL form")
        void declaresProperties() {
            UsageSourceProvider provider = provider();
            Set<String> names = provider.properties().stream().map(ProviderProperty::name).collect(Collectors.toSet());
            for (ProviderProperty common : HttpKit.commonProperties()) {
                assertThat(names).as("properties() must include the kit's '%s'", common.name()).contains(common.name());
            }
            for (String credential : credentials().keySet()) {
                assertThat(provider.properties()).as("credential '%s' must be declared secret", credential)
                        .anyMatch(p -> p.name().equals(credential) && p.secret());
            }
            assertThat(provider.urlForms()).as("urlForms()").isNotEmpty()
                    .allSatisfy(form -> assertThat(form).startsWith("usage:" + provider.id() + ":"));
        }
    }

    @Nested
    @DisplayName("configuration")
    class Configuration {

        @Test
        @DisplayName("a missing credential is a configuration error naming the property and its environment variable")
        void missingCredential() {
            for (ProviderProperty property : provider().properties()) {
                if (!property.secret() || !property.required()) {
                    continue;
                }
                Map<String, String> without = new HashMap<>();
                without.put(property.name(), null);
                UsageException error = failureOf(() -> open(without).close());
                assertThat(error).isInstanceOf(ConfigurationException.class);
                assertThat(error.getMessage()).as("message of the missing-credential error").contains(property.name());
                for (String variable : property.environmentVariables()) {
                    assertThat(error.getMessage()).as("message of the missing-credential error").contains(variable);
                }
            }
        }

        @Test
        @DisplayName("a malformed URL is a clear configuration error")
        void malformedUrl() {
            String bad = "usage:" + provider().id();
            UsageException error = failureOf(() -> registry().openSource(bad, suiteProperties()).close());
            assertThat(error).isInstanceOf(ConfigurationException.class);
            assertThat(error.getMessage()).contains("usage:<provider>:");
        }

        @Test
        @DisplayName("plain http:// to a host other than loopback is refused")
        void plainHttpRefused() {
            UsageException error = failureOf(() -> {
                try (UsageSource source = open(Map.of(HttpKit.BASE_URL, "http://usage.example.com"))) {
                    source.fetch(fetch().query()).count();
                }
            });
            assertThat(error).isInstanceOf(ConfigurationException.class);
            assertThat(error.getMessage()).contains("http://");
        }

        @Test
        @DisplayName("secrets are masked in the source's and configuration's toString()")
        void toStringMasksSecrets() {
            SourceConfig config = SourceConfig.of(provider().id(), suiteProperties(), provider().properties());
            describedObjects.add(config.toString());
            try (UsageSource source = open(Map.of())) {
                describedObjects.add(source.toString());
            }
            assertThat(describedObjects).isNotEmpty();
            for (String text : describedObjects) {
                for (String secret : secrets()) {
                    assertThat(text).as("toString()").doesNotContain(secret);
                }
            }
        }
    }

    @Nested
    @DisplayName("fetching")
    class Fetching {

        @Test
        @DisplayName("the expected records come back, in order")
        void expectedRecords() {
            Scenario scenario = fetch();
            register(scenario);
            assertThat(fetchAll(scenario, Map.of())).containsExactlyElementsOf(scenario.expected());
        }

        @Test
        @DisplayName("every record passes the FOCUS validator with no error")
        void recordsAreValidFocus() {
            Scenario scenario = fetch();
            register(scenario);
            List<UsageRecord> records = fetchAll(scenario, Map.of());
            assertThat(records).isNotEmpty();
            for (UsageRecord record : records) {
                List<FocusViolation> errors = FocusValidator.validate(record).stream().filter(FocusViolation::isError).toList();
                assertThat(errors).as("FOCUS errors of %s", record).isEmpty();
            }
        }

        @Test
        @DisplayName("charge periods are whole UTC seconds and every one overlaps the query")
        void periodsOverlapTheQuery() {
            Scenario scenario = fetch();
            register(scenario);
            for (UsageRecord record : fetchAll(scenario, Map.of())) {
                assertThat(record.chargePeriodStart().getNano()).as("ChargePeriodStart nanos").isZero();
                assertThat(record.chargePeriodEnd().getNano()).as("ChargePeriodEnd nanos").isZero();
                assertThat(scenario.query().overlaps(record)).as("%s overlaps %s", record, scenario.query()).isTrue();
                assertThat(record.chargePeriodStart().atOffset(ZoneOffset.UTC).getOffset()).isEqualTo(ZoneOffset.UTC);
            }
        }

        @Test
        @DisplayName("no record is returned twice")
        void noDuplicates() {
            Scenario scenario = fetch();
            register(scenario);
            List<UsageRecord> records = fetchAll(scenario, Map.of());
            assertThat(new HashSet<>(records)).as("distinct records").hasSize(records.size());
        }

        @Test
        @DisplayName("nothing is requested until the stream is consumed")
        void fetchIsLazy() {
            Scenario scenario = fetch();
            register(scenario);
            try (UsageSource source = open(Map.of()); Stream<UsageRecord> records = source.fetch(scenario.query())) {
                assertThat(server.getAllServeEvents()).as("requests made by fetch() before the stream is consumed").isEmpty();
                assertThat(records.count()).isEqualTo(scenario.expected().size());
            }
        }

        @Test
        @DisplayName("a closed source refuses to fetch, with a clear error, and closing twice is harmless")
        void closedSourceRefuses() {
            Scenario scenario = fetch();
            register(scenario);
            UsageSource source = open(Map.of());
            source.close();
            source.close();
            assertThatThrownBy(() -> {
                try (Stream<UsageRecord> records = source.fetch(scenario.query())) {
                    records.count();
                }
            }).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            assertThat(server.getAllServeEvents()).as("requests made by a closed source").isEmpty();
        }

        @Test
        @DisplayName("a filter gives the same answer whether the provider applies it or the client does")
        void filtersAgree() {
            SourceCapabilities capabilities = provider().capabilities();
            Scenario full = fetch();
            Optional<Scenario> pushed = filteredFetch();
            Scenario filtered;
            if (pushed.isPresent()) {
                filtered = pushed.get();
            } else {
                assertThat(capabilities.pushedDownFilters())
                        .as("the provider pushes filters down: supply filteredFetch() with stubs that filter as its API does")
                        .isEmpty();
                UsageRecord first = full.expected().get(0);
                Optional<String> metric = first.skuId().or(first::skuMeter);
                ImmutableUsageQuery.Builder query = UsageQuery.builder().from(full.query().from()).to(full.query().to())
                        .putAllOptions(full.query().options());
                if (metric.isPresent()) {
                    query.addMetrics(metric.get());
                } else if (first.serviceName().isPresent()) {
                    query.addServiceNames(first.serviceName().get());
                } else {
                    Assumptions.abort("the first expected record has no SkuId, SkuMeter or ServiceName to filter on");
                }
                filtered = Scenario.builder().query(query.build()).faultPath(full.faultPath())
                        .expect(full.expected()).stubs(full.stubs()).build();
            }
            register(filtered);
            List<UsageRecord> got = fetchAll(filtered, Map.of());
            SourceCapabilities clientSideOnly = SourceCapabilities.builder().from(capabilities)
                    .pushedDownFilters(Set.of()).build();
            Predicate<UsageRecord> clientSide = QueryPlanner.clientSide(filtered.query(), clientSideOnly);
            List<UsageRecord> expected = (pushed.isPresent() ? filtered.expected() : full.expected()).stream()
                    .filter(clientSide).toList();
            assertThat(expected).as("the filtered scenario must keep some records").isNotEmpty();
            assertThat(got).as("records fetched with %s", filtered.query()).containsExactlyElementsOf(expected);
            if (pushed.isPresent()) {
                assertThat(got).as("a pushed-down filter must answer the same records as the client-side filter over the full fetch")
                        .isSubsetOf(full.expected());
            }
        }
    }

    @Nested
    @DisplayName("documented totals")
    class DocumentedTotals {

        @Test
        @DisplayName("the source's rows add up to every total the provider documents, within its stated rounding")
        void rowsAddUpToTheDocumentedTotals() {
            List<DocumentedTotal> totals = documentedTotals();
            Assumptions.assumeFalse(totals.isEmpty(), "the plugin states no documented total (documentedTotals())");
            List<String> wrong = new ArrayList<>();
            for (DocumentedTotal total : totals) {
                server.resetAll();
                register(total.scenario());
                List<UsageRecord> rows = fetchAll(total.scenario(), Map.of()).stream().filter(total.rows()).toList();
                BigDecimal sum = BigDecimal.ZERO;
                int counted = 0;
                for (UsageRecord row : rows) {
                    Optional<BigDecimal> value = total.column().apply(row);
                    if (value.isPresent()) {
                        sum = sum.add(value.get());
                        counted++;
                    }
                }
                BigDecimal difference = sum.subtract(total.total()).abs();
                if (counted == 0) {
                    wrong.add(total + ": no row of the fetch has a " + total.columnName() + " to sum");
                } else if (difference.compareTo(total.tolerance()) > 0) {
                    wrong.add(total + ", but the " + counted + " rows sum to " + sum.toPlainString() + " (off by "
                            + sum.subtract(total.total()).toPlainString() + (sum.compareTo(total.total()) > 0
                                    ? ": is some usage counted twice?)" : ": is some usage missing?)"));
                }
            }
            assertThat(wrong).as("documented totals the source's rows do not add up to").isEmpty();
        }
    }

    @Nested
    @DisplayName("paging and windows")
    class Paging {

        @Test
        @DisplayName("all pages and windows are read, in order, none twice")
        void allPagesOnce() {
            Scenario scenario = requireMulti();
            register(scenario);
            assertThat(fetchAll(scenario, Map.of())).containsExactlyElementsOf(scenario.expected());
            List<ServeEvent> events = server.getAllServeEvents();
            assertThat(events).as("requests made").hasSize(scenario.stubs().size());
            assertThat(events).as("requests no stub answered").allMatch(ServeEvent::getWasMatched);
            Map<Object, Long> perStub = events.stream()
                    .collect(Collectors.groupingBy(e -> e.getStubMapping().getId(), Collectors.counting()));
            assertThat(perStub.values()).as("requests per stub").allMatch(count -> count == 1);
        }

        @Test
        @DisplayName("the stream is lazy: the next request waits until the records before it are consumed")
        void lazy() {
            Scenario scenario = requireMulti();
            register(scenario);
            try (UsageSource source = open(Map.of(HttpKit.MAX_CONCURRENCY, "1"));
                    Stream<UsageRecord> records = source.fetch(scenario.query())) {
                Iterator<UsageRecord> iterator = records.iterator();
                assertThat(iterator.hasNext()).isTrue();
                iterator.next();
                assertThat(server.getAllServeEvents()).as("requests made after reading the first record").hasSize(1);
                List<UsageRecord> rest = new ArrayList<>();
                iterator.forEachRemaining(rest::add);
                assertThat(rest).hasSize(scenario.expected().size() - 1);
            }
        }

        @Test
        @DisplayName("a request failing mid-stream throws; the stream never just ends short")
        void failureMidStreamThrows() {
            Scenario scenario = requireMulti();
            String later = scenario.laterRequestPath()
                    .orElseThrow(() -> new AssertionError("multiRequestFetch() must name laterRequest(...)"));
            register(scenario);
            server.stubFor(get(urlMatching(later)).atPriority(1).willReturn(aResponse().withStatus(500)));
            List<UsageRecord> delivered = new ArrayList<>();
            UsageException error = failureOf(() -> {
                try (UsageSource source = open(Map.of(HttpKit.MAX_CONCURRENCY, "1"));
                        Stream<UsageRecord> records = source.fetch(scenario.query())) {
                    records.forEach(delivered::add);
                }
            });
            assertThat(error).isInstanceOf(TransientException.class);
            assertThat(delivered).as("records delivered before the failure").hasSizeLessThan(scenario.expected().size());
        }
    }

    @Nested
    @DisplayName("resilience")
    class Resilience {

        private void recoversFrom(ResponseDefinitionBuilder fault) {
            Scenario scenario = fetch();
            register(scenario);
            faultFirst(scenario, fault);
            assertThat(fetchAll(scenario, Map.of())).containsExactlyElementsOf(scenario.expected());
            assertThat(requestsMatching(scenario.faultPath())).as("requests to the faulted path").isGreaterThanOrEqualTo(2);
        }

        @Test
        @DisplayName("429 with Retry-After, then success: retried after the delay the server asked for")
        void rateLimitedThenSuccess() {
            recoversFrom(aResponse().withStatus(429).withHeader("Retry-After", "7"));
            assertThat(sleeps).as("retry delays").contains(Duration.ofSeconds(7));
        }

        @Test
        @DisplayName("503, then success: retried with backoff")
        void unavailableThenSuccess() {
            recoversFrom(aResponse().withStatus(503));
            assertThat(sleeps).as("retry delays").isNotEmpty().allMatch(d -> !d.isNegative() && !d.isZero());
        }

        @Test
        @DisplayName("a connection reset, then success")
        void connectionResetThenSuccess() {
            recoversFrom(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        }

        @Test
        @DisplayName("an empty reply, then success")
        void emptyReplyThenSuccess() {
            recoversFrom(aResponse().withFault(Fault.EMPTY_RESPONSE));
        }

        @Test
        @DisplayName("a malformed chunk, then success")
        void malformedChunkThenSuccess() {
            recoversFrom(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
        }

        @Test
        @DisplayName("a read timeout, then success")
        void readTimeoutThenSuccess() {
            recoversFrom(aResponse().withStatus(200).withBody("{}").withFixedDelay(2_500));
        }

        @Test
        @DisplayName("a persistent 5xx is a transient error after the configured attempts")
        void persistentServerError() {
            Scenario scenario = fetch();
            register(scenario);
            faultAlways(scenario.faultPath(), aResponse().withStatus(503));
            UsageException error = failureOf(() -> fetchAll(scenario, Map.of()));
            assertThat(error).isInstanceOf(TransientException.class);
            assertThat(error.isRetryable()).isTrue();
            assertThat(error.httpStatus()).hasValue(503);
            assertThat(requestsMatching(scenario.faultPath())).as("attempts with max_retries=%s", MAX_RETRIES)
                    .isEqualTo(MAX_RETRIES + 1);
        }

        @Test
        @DisplayName("401 is an authentication error, not retried")
        void unauthorized() {
            Scenario scenario = fetch();
            register(scenario);
            faultAlways(scenario.faultPath(), aResponse().withStatus(401));
            UsageException error = failureOf(() -> fetchAll(scenario, Map.of()));
            assertThat(error).isInstanceOf(AuthenticationException.class);
            assertThat(error.httpStatus()).hasValue(401);
            assertThat(requestsMatching(scenario.faultPath())).as("attempts").isEqualTo(1);
        }

        @Test
        @DisplayName("400 is a request error, not retried")
        void badRequest() {
            Scenario scenario = fetch();
            register(scenario);
            faultAlways(scenario.faultPath(), aResponse().withStatus(400));
            UsageException error = failureOf(() -> fetchAll(scenario, Map.of()));
            assertThat(error).isInstanceOf(RequestException.class);
            assertThat(error.isRetryable()).isFalse();
            assertThat(requestsMatching(scenario.faultPath())).as("attempts").isEqualTo(1);
        }

        @Test
        @DisplayName("malformed JSON is an unreadable-response error, not retried")
        void malformedJson() {
            Scenario scenario = fetch();
            register(scenario);
            faultAlways(scenario.faultPath(), aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"result\": [ {\"oops\": "));
            UsageException error = failureOf(() -> fetchAll(scenario, Map.of()));
            assertThat(error).isInstanceOf(UnreadableResponseException.class);
            assertThat(requestsMatching(scenario.faultPath())).as("attempts").isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("secrecy")
    class Secrecy {

        @Test
        @DisplayName("credentials never appear in logs, exception messages or toString()")
        void credentialsNeverLeak() {
            Scenario scenario = fetch();
            register(scenario);
            fetchAll(scenario, Map.of());
            server.resetAll();
            register(scenario);
            faultAlways(scenario.faultPath(), aResponse().withStatus(401)
                    .withBody("{\"error\": \"bad credentials " + String.join(" ", secrets()) + "\"}"));
            failureOf(() -> fetchAll(scenario, Map.of()));
            server.resetAll();
            register(scenario);
            faultAlways(scenario.faultPath(), aResponse().withStatus(500));
            failureOf(() -> fetchAll(scenario, Map.of()));
            String log = logs.text();
            assertThat(log).as("log output (the suite reads it through slf4j-simple at DEBUG for io.usage4j;"
                    + " is another SLF4J binding on the test class path?)").contains(provider().id());
            // The checks themselves run after every test, over the captured log, every exception and every toString().
        }
    }

    @Nested
    @DisplayName("requests")
    class Requests {

        @Test
        @DisplayName("every request carries the credential header and a usage4j User-Agent")
        void headers() {
            Scenario scenario = fetch();
            register(scenario);
            fetchAll(scenario, Map.of());
            List<ServeEvent> events = server.getAllServeEvents();
            assertThat(events).isNotEmpty();
            for (ServeEvent event : events) {
                assertThat(event.getRequest().getHeader(authorizationHeader())).as("%s header", authorizationHeader())
                        .isEqualTo(expectedAuthorization());
                assertThat(event.getRequest().getHeader("User-Agent")).as("User-Agent")
                        .matches("usage4j/\\S+ \\(" + provider().id() + "\\)");
            }
        }
    }

    @Nested
    @DisplayName("layering")
    class Layering {

        private JavaClasses pluginClasses() throws URISyntaxException {
            URL location = provider().getClass().getProtectionDomain().getCodeSource().getLocation();
            return new ClassFileImporter().importLocations(Set.of(Location.of(location.toURI())));
        }

        private void check(ArchRule rule) throws URISyntaxException {
            EvaluationResult result = rule.evaluate(pluginClasses());
            assertThat(result.getFailureReport().getDetails()).as(rule.getDescription()).isEmpty();
        }

        @Test
        @DisplayName("the plugin depends on no other provider")
        void noOtherProvider() throws URISyntaxException {
            String own = provider().getClass().getPackageName();
            check(noClasses().that().resideInAPackage(own + "..")
                    .should().dependOnClassesThat(resideInAPackage("io.usage4j.provider..").and(not(resideInAPackage(own + ".."))))
                    .as("classes of " + own + " depend on no other usage4j provider"));
        }

        @Test
        @DisplayName("the plugin reaches into no internal package of usage4j")
        void noUsage4jInternals() throws URISyntaxException {
            String own = provider().getClass().getPackageName();
            check(noClasses().that().resideInAPackage(own + "..")
                    .should().dependOnClassesThat().resideInAnyPackage("io.usage4j.core.internal..", "io.usage4j.spi.internal..")
                    .as("classes of " + own + " use only usage4j's public API and kit"));
        }
    }
}
