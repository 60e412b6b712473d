package io.usage4j.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK {@link HttpServer} on 127.0.0.1 (an ephemeral port) answering every request with the bytes
 * a {@link Responder} makes from its path and query, optionally after a fixed delay. It records when
 * each request arrived, so a run can check the request rate it saw. Only loopback: nothing leaves
 * the machine.
 */
final class LoopbackServer implements AutoCloseable {

    /** Makes the JSON body for one request. */
    @FunctionalInterface
    interface Responder {
        byte[] respond(String path, String rawQuery);
    }

    /**
     * Writes the JSON body for one request straight to the connection (chunked), so a body of
     * gigabytes never sits in this JVM's memory.
     */
    @FunctionalInterface
    interface StreamingResponder {
        void respond(String path, String rawQuery, OutputStream body) throws IOException;
    }

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed
        // ACK and every response waits ~40 ms more on Linux: an artifact of the test server, not of the client.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();

    private LoopbackServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server with {@code threads} handler threads that waits {@code delayMillis} before each answer. */
    static LoopbackServer start(Responder responder, long delayMillis, int threads) {
        return start(responder, delayMillis, threads, null);
    }

    /** Starts a server with {@code threads} handler threads that streams each body from {@code responder}. */
    static LoopbackServer startStreaming(StreamingResponder responder, int threads) {
        return start((path, rawQuery) -> {
            throw new IllegalStateException("streaming server");
        }, 0, threads, responder);
    }

    private static LoopbackServer start(Responder responder, long delayMillis, int threads,
            StreamingResponder streaming) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            AtomicInteger count = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
                Thread thread = new Thread(runnable, "loopback-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            LoopbackServer loopback = new LoopbackServer(server, executor);
            server.createContext("/", exchange -> {
                if (streaming == null) {
                    loopback.handle(exchange, responder, delayMillis);
                } else {
                    loopback.stream(exchange, streaming);
                }
            });
            server.setExecutor(executor);
            server.start();
            return loopback;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stream(HttpExchange exchange, StreamingResponder responder) throws IOException {
        arrivals.add(System.nanoTime());
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = new java.io.BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
                responder.respond(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), out);
            }
        }
    }

    private void handle(HttpExchange exchange, Responder responder, long delayMillis) throws IOException {
        arrivals.add(System.nanoTime());
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
            }
            byte[] body;
            try {
                body = responder.respond(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery());
            } catch (RuntimeException e) {
                byte[] message = ("{\"error\":\"" + e.getClass().getSimpleName() + "\"}").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(500, message.length);
                exchange.getResponseBody().write(message);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The arrival times ({@link System#nanoTime()}) of the requests since the last {@link #clearArrivals()}. */
    List<Long> arrivals() {
        return new ArrayList<>(arrivals);
    }

    void clearArrivals() {
        arrivals.clear();
    }

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
}
