package io.usage4j.cli.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded stand-in for the four providers' billing APIs, on loopback, for the demo and the
 * tests: the JDK's HTTP server answering the documented endpoint shapes with generated,
 * deterministic, realistic data. Real sources are pointed at it through their {@code base_url}.
 *
 * <ul>
 *   <li>Cloudflare: {@code GET /client/v4/accounts/{id}/billable/usage?from&to[&metric]}
 *       (base URL {@link #cloudflareBaseUrl()}, which includes {@code /client/v4})
 *   <li>Fastly: {@code GET /billing/v3/usage-metrics?start_month&end_month} and
 *       {@code GET /billing/v3/service-usage-metrics?start_month&end_month&limit&cursor}, and the invoices:
 *       {@code GET /billing/v3/invoices?billing_start_date&billing_end_date&limit&cursor},
 *       {@code GET /billing/v3/invoices/{invoice_id}}, {@code GET /billing/v3/invoices/month-to-date}
 *   <li>Cloudinary: {@code GET /v1_1/provisioning/accounts/{id}/billing_usage?year&include_prodenv_breakdown}
 *   <li>Latitude.sh: {@code GET /billing/usage?filter[project]=...}
 * </ul>
 *
 * <p>With {@link Builder#faults(boolean) faults} on, the sandbox answers the second Cloudflare request
 * with a 429 carrying {@code Retry-After: 1} and the first Fastly service-usage page with a 503, once
 * each, so a client's retries can be seen working.
 *
 * <p>The credentials it accepts are whatever the client sends in the provider's documented header
 * (it is a sandbox); a request without them is refused the way the provider documents.
 */
public final class Sandbox implements AutoCloseable {
    /** The Cloudflare account the demo reads. */
    public static final String CLOUDFLARE_ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
    /** The Fastly customer the sandbox answers for. */
    public static final String FASTLY_CUSTOMER = FastlyApi.CUSTOMER_ID;
    /** The Cloudinary account the demo reads. */
    public static final String CLOUDINARY_ACCOUNT = "b8f3c1d2-5e6a-4f7b-9c0d-1e2f3a4b5c6d";
    /** The Latitude.sh project the demo reads. */
    public static final String LATITUDE_PROJECT = "proj_r0MK4O4kDa95w";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final Faults faults;
    private final List<String> requestLog = new ArrayList<>();

    private Sandbox(Builder builder) {
        this.clock = builder.clock;
        this.faults = new Faults(builder.faults);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("the sandbox could not listen on 127.0.0.1:" + builder.port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "usage4j-sandbox-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        CloudflareApi cloudflare = new CloudflareApi(clock, faults);
        FastlyApi fastly = new FastlyApi(clock, faults);
        CloudinaryApi cloudinary = new CloudinaryApi(clock);
        LatitudeApi latitude = new LatitudeApi(clock);
        server.createContext("/", exchange -> handle(exchange, request -> route(request, cloudflare, fastly, cloudinary, latitude)));
    }

    /** A builder: ephemeral port, system clock, faults on. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a sandbox with the defaults. */
    public static Sandbox start() {
        return builder().start();
    }

    private static Response route(Request request, CloudflareApi cloudflare, FastlyApi fastly, CloudinaryApi cloudinary,
            LatitudeApi latitude) {
        String path = request.path();
        if (!request.method().equals("GET")) {
            return Response.json(405, "{\"error\":\"the sandbox answers GET only\"}");
        }
        if (path.startsWith("/client/v4/")) {
            return cloudflare.handle(request);
        }
        if (path.startsWith("/billing/v3/")) {
            return fastly.handle(request);
        }
        if (path.startsWith("/v1_1/provisioning/")) {
            return cloudinary.handle(request);
        }
        if (path.equals("/billing/usage")) {
            return latitude.handle(request);
        }
        return Response.json(404, "{\"error\":\"no sandbox endpoint at " + Json.escape(path) + "\"}");
    }

    private void handle(HttpExchange exchange, java.util.function.Function<Request, Response> router) throws IOException {
        Response response;
        Request request = Request.of(exchange);
        try {
            response = router.apply(request);
        } catch (RuntimeException e) {
            response = Response.json(500, "{\"error\":\"sandbox failure: " + Json.escape(String.valueOf(e.getMessage())) + "\"}");
        }
        synchronized (requestLog) {
            requestLog.add(request.method() + " " + request.pathAndQuery() + " -> " + response.status());
        }
        try (exchange) {
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    /** The root, {@code http://127.0.0.1:<port>}: the base URL of Fastly, Cloudinary and Latitude.sh. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** Cloudflare's base URL: the root plus {@code /client/v4}, as in production. */
    public String cloudflareBaseUrl() {
        return baseUrl() + "/client/v4";
    }

    /** The port the sandbox listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The sandbox's "today" (UTC): no usage is generated after it. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /** The injected faults served so far (429 and 503 answers). */
    public int faultsServed() {
        return faults.served();
    }

    /** Every request answered so far, as {@code "GET /path?query -> status"}, in order of completion. */
    public List<String> requests() {
        synchronized (requestLog) {
            return List.copyOf(requestLog);
        }
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Sandbox[" + baseUrl() + "]";
    }

    /** Chooses the port, the clock and whether faults are injected. */
    public static final class Builder {
        private int port;
        private Clock clock = Clock.systemUTC();
        private boolean faults = true;

        private Builder() {}

        /** The port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** The clock that says what "today" is (default: the system clock, UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock is null");
            return this;
        }

        /** Whether to inject one 429 (Cloudflare) and one 503 (Fastly services) per sandbox (default true). */
        public Builder faults(boolean faults) {
            this.faults = faults;
            return this;
        }

        /** Starts the sandbox. */
        public Sandbox start() {
            Sandbox sandbox = new Sandbox(this);
            sandbox.server.start();
            return sandbox;
        }
    }
}
