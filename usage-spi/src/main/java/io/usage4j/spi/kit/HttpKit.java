package io.usage4j.spi.kit;

import dev.failsafe.Bulkhead;
import dev.failsafe.Failsafe;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import feign.DefaultClient;
import feign.Feign;
import feign.Request;
import feign.Retryer;
import io.usage4j.core.ConfigurationException;
import io.usage4j.core.TransientException;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.SourceConfig;
import io.usage4j.spi.internal.CursorSpliterator;
import io.usage4j.spi.internal.FailureTranslator;
import io.usage4j.spi.internal.Json;
import io.usage4j.spi.internal.KitDecoder;
import io.usage4j.spi.internal.KitErrorDecoder;
import io.usage4j.spi.internal.KitRetry;
import io.usage4j.spi.internal.KitSettings;
import io.usage4j.spi.internal.LoggingClient;
import io.usage4j.spi.internal.Redactor;
import io.usage4j.spi.internal.SleeperScheduler;
import io.usage4j.spi.internal.Version;
import io.usage4j.spi.internal.WindowSpliterator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The adapter kit every HTTP provider shares, one per open source: it builds the provider's Feign
 * client (Jackson decoding, one error decoder, authentication, timeouts, User-Agent, no Feign
 * retries), runs each request under the retry, rate and concurrency policies, and turns paged and
 * windowed endpoints into lazy streams.
 *
 * <p>Properties it reads (list them with {@link #commonProperties()} in the provider's
 * {@code properties()}):
 * <ul>
 *   <li>{@code base_url}: where the API is (tests and proxies point elsewhere); {@code http://} only for loopback hosts;
 *   <li>{@code connect_timeout} (default 10s), {@code read_timeout} (default 60s);
 *   <li>{@code max_retries} (default 4) and {@code max_retry_duration} (default 2m): retries of 429, 5xx and
 *       connection faults, with exponential backoff and jitter capped at 30s, or the server's Retry-After;
 *   <li>{@code max_concurrency} (default 4): requests in flight at once, and windows fetched ahead;
 *   <li>{@code rate_limit}: requests per second at most, unset for no limit.
 * </ul>
 */
public final class HttpKit implements AutoCloseable {
    /** Property: the API's base URL. */
    public static final String BASE_URL = KitSettings.BASE_URL;
    /** Property: TCP connect timeout. */
    public static final String CONNECT_TIMEOUT = KitSettings.CONNECT_TIMEOUT;
    /** Property: read timeout of one response. */
    public static final String READ_TIMEOUT = KitSettings.READ_TIMEOUT;
    /** Property: retries after the first attempt. */
    public static final String MAX_RETRIES = KitSettings.MAX_RETRIES;
    /** Property: total time one request may spend waiting between retries. */
    public static final String MAX_RETRY_DURATION = KitSettings.MAX_RETRY_DURATION;
    /** Property: requests in flight at once. */
    public static final String MAX_CONCURRENCY = KitSettings.MAX_CONCURRENCY;
    /** Property: requests per second at most. */
    public static final String RATE_LIMIT = KitSettings.RATE_LIMIT;

    private final String providerId;
    private final KitSettings settings;
    private final Auth auth;
    private final Bulkhead<Object> bulkhead;
    private final RateLimiter<Object> rateLimiter;
    private final Redactor redactor;
    private final FailureTranslator failures;
    private final KitErrorDecoder errorDecoder;
    private final KitDecoder decoder;
    private final Clock clock;
    private final DoubleSupplier random;
    private final ExecutorService executor;
    private final SleeperScheduler scheduler;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Pipeline pipeline;

    private HttpKit(Builder builder) {
        SourceConfig config = builder.config;
        this.providerId = config.providerId();
        this.redactor = Redactor.of(config.secretValues(),
                builder.auth == null ? List.of() : List.copyOf(builder.auth.headers().values()));
        this.settings = KitSettings.from(config, builder.defaultBaseUrl);
        this.auth = builder.auth;
        this.bulkhead = Bulkhead.<Object>builder(settings.concurrency()).withMaxWaitTime(Duration.ofDays(1)).build();
        this.rateLimiter = settings.rateLimit().isEmpty() ? null
                : RateLimiter.<Object>smoothBuilder(Duration.ofNanos((long) (1_000_000_000L / settings.rateLimit().getAsDouble())))
                        .withMaxWaitTime(Duration.ofDays(1)).build();
        this.clock = builder.clock != null ? builder.clock : config.runtime().clock();
        this.random = config.runtime().random();
        this.failures = new FailureTranslator(providerId, redactor);
        this.errorDecoder = new KitErrorDecoder(providerId, Json.mapper(), builder.errorBodyReader,
                builder.requestIdHeaders, builder.rateLimitStatuses, redactor, clock);
        this.decoder = new KitDecoder(providerId, Json.mapper());
        Sleeper sleeper = builder.sleeper != null ? builder.sleeper : config.runtime().sleeper();
        this.executor = Executors.newCachedThreadPool(daemonThreads("usage4j-" + providerId));
        this.scheduler = new SleeperScheduler(executor, sleeper);
        this.pipeline = new Pipeline(this, config, List.copyOf(builder.queryOptions), errorDecoder, redactor, executor,
                settings.concurrency(), WindowSpliterator.DEFAULT_BUFFER, closed::get);
    }

    /** The properties the kit reads, to list in a provider's {@code properties()}. */
    public static List<ProviderProperty> commonProperties() {
        return List.of(
                ProviderProperty.optional(BASE_URL, "API base URL; plain http:// only for loopback hosts"),
                ProviderProperty.optional(CONNECT_TIMEOUT, "connect timeout, e.g. 10s"),
                ProviderProperty.optional(READ_TIMEOUT, "read timeout of one response, e.g. 60s"),
                ProviderProperty.optional(MAX_RETRIES, "retries of 429, 5xx and connection faults (default 4)"),
                ProviderProperty.optional(MAX_RETRY_DURATION, "longest total wait between retries of one request (default 2m)"),
                ProviderProperty.optional(MAX_CONCURRENCY, "requests in flight at once, and windows fetched ahead (default 4)"),
                ProviderProperty.optional(RATE_LIMIT, "requests per second at most (default: no limit)"));
    }

    /** A kit for the provider of {@code config}. */
    public static Builder builder(SourceConfig config) {
        return new Builder(Objects.requireNonNull(config, "config is null"));
    }

    /**
     * The one fetch pipeline: the records of {@code query}, read with the reader {@code readerFor}
     * returns for the source's configuration with the query's options on top. The kit checks that the
     * source is open, refuses a query option not declared with {@link Builder#queryOptions} (listing the
     * valid ones; an invalid value of a declared one is an {@link io.usage4j.core.UnsupportedQueryException}
     * too), plans the windows from the reader's capabilities, reads them in order with at most
     * {@link #concurrency()} requests in flight and a bounded read-ahead, pages, decodes each array one
     * element at a time, applies the 2xx-error rule of {@link Envelope}, maps each element (a mapping
     * failure becomes an {@link UnreadableResponseException} naming the request and window), applies
     * every filter of the query on the client and checks each record's extension columns against the
     * capabilities. Lazy: nothing is requested before the stream is consumed; close it to cancel.
     *
     * @throws IllegalStateException if the kit is closed
     * @throws io.usage4j.core.UnsupportedQueryException for an unknown or invalid query option, or a query
     *     before the provider's lookback
     */
    public Stream<UsageRecord> fetch(UsageQuery query, Function<SourceConfig, ? extends WindowReader<?>> readerFor) {
        Objects.requireNonNull(query, "query is null");
        Objects.requireNonNull(readerFor, "readerFor is null");
        return pipeline.fetch(query, readerFor);
    }

    /** {@link #fetch(UsageQuery, Function)} with one reader whatever the query's options. */
    public Stream<UsageRecord> fetch(UsageQuery query, WindowReader<?> reader) {
        Objects.requireNonNull(reader, "reader is null");
        return fetch(query, options -> reader);
    }

    /** The provider this kit serves. */
    public String providerId() {
        return providerId;
    }

    /** The base URL requests go to. */
    public String baseUrl() {
        return settings.baseUrl();
    }

    /** How many requests may be in flight at once. */
    public int concurrency() {
        return settings.concurrency();
    }

    /**
     * Builds the Feign client for {@code api}, an interface of {@code @RequestLine} methods. The
     * interface and the types its methods return must be public (Feign's proxy reads them reflectively).
     */
    public <T> T client(Class<T> api) {
        Objects.requireNonNull(api, "api is null");
        String userAgent = "usage4j/" + Version.get() + " (" + providerId + ")";
        return Feign.builder()
                .client(new LoggingClient(new DefaultClient(null, null), providerId, redactor))
                .decoder(decoder)
                .errorDecoder(errorDecoder)
                .retryer(Retryer.NEVER_RETRY)
                .options(settings.options())
                .requestInterceptor(template -> {
                    template.header("User-Agent", userAgent);
                    if (!template.headers().containsKey("Accept")) {
                        template.header("Accept", "application/json");
                    }
                    if (auth != null) {
                        auth.headers().forEach((name, value) -> {
                            template.header(name, List.of());
                            template.header(name, value);
                        });
                    }
                })
                .target(api, settings.baseUrl());
    }

    /**
     * Runs one request under the retry, rate-limit and concurrency policies, translating every
     * failure into a {@link UsageException}.
     *
     * @param what a short description for messages, e.g. {@code "billable usage 2025-01-01..2025-01-31"}
     * @throws UsageException if the request fails and retrying does not help or is used up
     */
    public <T> T call(String what, Supplier<T> request) {
        Objects.requireNonNull(what, "what is null");
        Objects.requireNonNull(request, "request is null");
        ensureOpen();
        RetryPolicy<T> retry = KitRetry.policy(providerId, what, settings.maxRetries(), settings.maxRetryDuration(),
                clock, random, redactor);
        CompletableFuture<T> result = Failsafe.with(retry).with(scheduler).getAsync(ctx -> attempt(what, request));
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new TransientException(providerId, what + " was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UsageException usage) {
                throw usage;
            }
            throw failures.translate(what, cause);
        }
    }

    private <T> T attempt(String what, Supplier<T> request) throws InterruptedException {
        if (rateLimiter != null) {
            rateLimiter.acquirePermit();
        }
        bulkhead.acquirePermit();
        try {
            return request.get();
        } catch (RuntimeException e) {
            throw failures.translate(what, e);
        } finally {
            bulkhead.releasePermit();
        }
    }

    /**
     * A lazy stream over a cursor-paged endpoint: {@code fetchPage} gets {@code null} for the first page
     * and then each page's next cursor; each page is one {@link #call}. The next page is requested only
     * when the previous page's items are used up; a repeated cursor throws.
     */
    public <T> Stream<T> pages(String what, Function<String, Page<T>> fetchPage) {
        Objects.requireNonNull(fetchPage, "fetchPage is null");
        AtomicInteger page = new AtomicInteger();
        Function<String, Page<T>> fetch = cursor -> call(what + " (page " + page.incrementAndGet() + ")",
                () -> fetchPage.apply(cursor));
        return StreamSupport.stream(new CursorSpliterator<>(providerId, what, fetch), false);
    }

    /**
     * The records of every window, in window order, with at most {@link #concurrency()} requests in
     * flight. Nothing is requested before the stream is consumed. The window being consumed is read
     * lazily on the caller's thread (page by page, so with a concurrency of 1 the next request waits
     * for the consumer); windows after it are fetched ahead in the background, each read whole. A
     * window that fails throws when the stream reaches it. Closing the stream cancels the windows
     * still in flight.
     */
    public <W, T> Stream<T> windows(List<W> windows, Function<W, Stream<T>> perWindow) {
        Objects.requireNonNull(windows, "windows is null");
        Objects.requireNonNull(perWindow, "perWindow is null");
        if (windows.isEmpty()) {
            return Stream.empty();
        }
        WindowSpliterator<W, T> spliterator = new WindowSpliterator<>(providerId, new ArrayList<>(windows), perWindow,
                executor, settings.concurrency());
        return StreamSupport.stream(spliterator, false).onClose(spliterator::cancel);
    }

    /** Masks the configured secrets in {@code text}, for provider messages built from response content. */
    public String redact(String text) {
        return redactor.redact(text);
    }

    /**
     * Throws unless the kit is open: a source calls this first in {@code fetch}, so using a closed source
     * fails at once with a clear message rather than somewhere inside a stream.
     *
     * @throws IllegalStateException if {@link #close()} was called
     */
    public void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this " + providerId + " usage source is closed; open a new one");
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Stops the kit's threads; requests in flight are interrupted. Closing twice does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            executor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "HttpKit[" + providerId + " at " + settings.baseUrl() + ", auth " + auth + (closed.get() ? ", closed" : "") + "]";
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Configures a kit; only the base URL default is required. */
    public static final class Builder {
        private final SourceConfig config;
        private String defaultBaseUrl;
        private Auth auth;
        private ErrorBodyReader errorBodyReader = ErrorBodyReader.none();
        private List<String> requestIdHeaders = List.of("X-Request-Id", "Request-Id");
        private Set<Integer> rateLimitStatuses = Set.of(429);
        private Sleeper sleeper;
        private Clock clock;
        private final List<ProviderProperty> queryOptions = new ArrayList<>();

        private Builder(SourceConfig config) {
            this.config = config;
        }

        /** The provider's production base URL, used unless {@code base_url} is set. */
        public Builder defaultBaseUrl(String url) {
            this.defaultBaseUrl = Objects.requireNonNull(url, "url is null");
            return this;
        }

        /** How requests authenticate. */
        public Builder auth(Auth auth) {
            this.auth = Objects.requireNonNull(auth, "auth is null");
            return this;
        }

        /** Reads the provider's error body shape into the exception message. */
        public Builder errorBodyReader(ErrorBodyReader reader) {
            this.errorBodyReader = Objects.requireNonNull(reader, "reader is null");
            return this;
        }

        /** Response headers that carry the provider's request id, first match wins (default X-Request-Id, Request-Id). */
        public Builder requestIdHeaders(String... headers) {
            this.requestIdHeaders = List.of(headers);
            return this;
        }

        /** HTTP statuses that mean "rate limited" (default 429; Cloudinary adds 420). */
        public Builder rateLimitStatuses(Integer... statuses) {
            this.rateLimitStatuses = Set.of(statuses);
            return this;
        }

        /**
         * The per-query options the provider reads ({@link UsageQuery#options()}), declared once like
         * properties: {@link #fetch} refuses any other for every provider, listing these. A declared
         * option overrides the source's property of the same name for that query.
         */
        public Builder queryOptions(ProviderProperty... options) {
            for (ProviderProperty option : options) {
                queryOptions.add(Objects.requireNonNull(option, "option is null"));
            }
            return this;
        }

        /** How to wait between retries (default: the sleeper of the configuration's {@link io.usage4j.spi.SourceRuntime}). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper is null");
            return this;
        }

        /** The clock HTTP-date Retry-After values are measured from (default: the configuration's runtime clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock is null");
            return this;
        }

        /**
         * Builds the kit.
         *
         * @throws ConfigurationException if a kit property is invalid or the base URL is refused
         */
        public HttpKit build() {
            return new HttpKit(this);
        }
    }
}
