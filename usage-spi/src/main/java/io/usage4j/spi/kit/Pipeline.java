package io.usage4j.spi.kit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import feign.Response;
import io.usage4j.core.ConfigurationException;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.TransientException;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UnsupportedQueryException;
import io.usage4j.core.UsageException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.plan.QueryPlanner;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.SourceConfig;
import io.usage4j.spi.internal.Json;
import io.usage4j.spi.internal.KitErrorDecoder;
import io.usage4j.spi.internal.Redactor;
import io.usage4j.spi.internal.WindowSpliterator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The one fetch pipeline behind {@link HttpKit#fetch}: options, planning, windows, pages, streaming
 * decode, the 2xx-error rule, mapping, filters and the extension check, the same for every provider.
 */
final class Pipeline {
    private static final int CHARACTERISTICS = Spliterator.ORDERED | Spliterator.NONNULL;

    private final HttpKit kit;
    private final String providerId;
    private final SourceConfig config;
    private final List<ProviderProperty> queryOptions;
    private final KitErrorDecoder errors;
    private final Redactor redactor;
    private final ExecutorService executor;
    private final int concurrency;
    private final int buffer;
    private final BooleanSupplier closed;
    private final QueryPlanner planner;
    private final ObjectMapper mapper = Json.mapper();

    Pipeline(HttpKit kit, SourceConfig config, List<ProviderProperty> queryOptions, KitErrorDecoder errors,
            Redactor redactor, ExecutorService executor, int concurrency, int buffer, BooleanSupplier closed) {
        this.kit = kit;
        this.providerId = config.providerId();
        this.config = config;
        this.queryOptions = queryOptions;
        this.errors = errors;
        this.redactor = redactor;
        this.executor = executor;
        this.concurrency = concurrency;
        this.buffer = buffer;
        this.closed = closed;
        this.planner = QueryPlanner.withClock(config.runtime().clock());
    }

    <T> Stream<UsageRecord> fetch(UsageQuery query, Function<SourceConfig, ? extends WindowReader<?>> readerFor) {
        kit.ensureOpen();
        SourceConfig options = options(query);
        WindowReader<?> reader;
        try {
            reader = Objects.requireNonNull(readerFor.apply(options), "the reader is null");
        } catch (ConfigurationException e) {
            if (options == config) {
                throw e;
            }
            String text = e.getMessage();
            String prefix = "[" + providerId + "] ";
            throw new UnsupportedQueryException(providerId, text.startsWith(prefix) ? text.substring(prefix.length()) : text,
                    e);
        }
        return run(query, options, reader);
    }

    private <T> Stream<UsageRecord> run(UsageQuery query, SourceConfig options, WindowReader<T> reader) {
        SourceCapabilities capabilities = reader.capabilities();
        List<Window> windows = planner.windows(providerId, query, capabilities);
        if (windows.isEmpty()) {
            return Stream.empty();
        }
        Context context = new Context(query, options);
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            indexes.add(i);
        }
        int last = windows.size() - 1;
        WindowSpliterator<Integer, UsageRecord> spliterator = new WindowSpliterator<>(providerId, indexes,
                i -> window(reader, context, windows.get(i), i == 0, i == last), executor, concurrency, buffer, closed);
        // Push-down is only an optimisation: every filter of the query is applied here, every time.
        Predicate<UsageRecord> keep = QueryPlanner.clientSide(query, SourceCapabilities.builder()
                .granularity(capabilities.granularity()).windowUnit(capabilities.windowUnit()).build());
        Set<String> declared = Set.copyOf(capabilities.extensionColumns());
        return StreamSupport.stream(spliterator, false).onClose(spliterator::cancel)
                .filter(keep)
                .peek(record -> checkExtensions(record, declared));
    }

    private SourceConfig options(UsageQuery query) {
        Map<String, String> given = query.options();
        if (given.isEmpty()) {
            return config;
        }
        Set<String> known = new LinkedHashSet<>();
        queryOptions.forEach(p -> known.add(p.name()));
        Set<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new UnsupportedQueryException(providerId, "query option" + (unknown.size() == 1 ? " " : "s ")
                    + unknown + (unknown.size() == 1 ? " is" : " are") + " not read by the " + providerId + " provider; "
                    + (known.isEmpty() ? "it reads no query options" : "it reads " + known)
                    + " (source-wide settings go in the usage URL or properties)", null);
        }
        return config.withQueryOptions(given);
    }

    private void checkExtensions(UsageRecord record, Set<String> declared) {
        for (String name : record.extensions().keySet()) {
            if (!declared.contains(name)) {
                throw new IllegalStateException("[" + providerId + "] a record carries the extension column '" + name
                        + "', which the source's capabilities do not declare (they declare " + new TreeSet<>(declared)
                        + "): a defect of the " + providerId + " plugin; declare the column in its capabilities");
            }
        }
    }

    /** The records of one window, lazily: its requests are asked for when the stream is first pulled. */
    private <T> Stream<UsageRecord> window(WindowReader<T> reader, Context context, Window window, boolean first,
            boolean last) {
        List<AutoCloseable> open = Collections.synchronizedList(new ArrayList<>());
        Iterator<UsageRecord> records = new Iterator<>() {
            private Iterator<WindowRequest<T>> requests;
            private Iterator<UsageRecord> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                if (requests == null) {
                    kit.ensureOpen();
                    List<WindowRequest<T>> list = reader.requests(window, context);
                    requests = List.copyOf(Objects.requireNonNull(list, "requests() returned null")).iterator();
                }
                while (!current.hasNext()) {
                    if (!requests.hasNext()) {
                        return false;
                    }
                    WindowRequest<T> request = requests.next();
                    Elements<T> elements = new Elements<>(request);
                    open.add(elements);
                    current = new Mapped<>(elements, reader, request, window);
                }
                return true;
            }

            @Override
            public UsageRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        Stream<UsageRecord> stream = StreamSupport.stream(
                () -> Spliterators.spliteratorUnknownSize(records, CHARACTERISTICS), CHARACTERISTICS, false);
        if (reader.ownsRecordsByChargePeriodStart()) {
            Instant start = window.startInstant();
            Instant end = window.endInstant();
            stream = stream.filter(r -> (first || !r.chargePeriodStart().isBefore(start))
                    && (last || r.chargePeriodStart().isBefore(end)));
        }
        return stream.onClose(() -> {
            synchronized (open) {
                for (AutoCloseable c : open) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // closing a response body: nothing to report
                    }
                }
            }
        });
    }

    /** Elements mapped to records, a mapping failure wrapped, the request's own filter applied. */
    private final class Mapped<T> implements Iterator<UsageRecord> {
        private final Elements<T> elements;
        private final WindowReader<T> reader;
        private final WindowRequest<T> request;
        private final Window window;
        private UsageRecord next;
        private Iterator<UsageRecord> pending = Collections.emptyIterator();

        Mapped(Elements<T> elements, WindowReader<T> reader, WindowRequest<T> request, Window window) {
            this.elements = elements;
            this.reader = reader;
            this.request = request;
            this.window = window;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (pending.hasNext()) {
                    UsageRecord record = pending.next();
                    if (request.keep().test(record)) {
                        next = record;
                    }
                    continue;
                }
                if (!elements.hasNext()) {
                    return false;
                }
                T element = elements.next();
                try {
                    List<UsageRecord> records = Objects.requireNonNull(reader.mapAll(element),
                            "the mapper returned no list");
                    for (UsageRecord record : records) {
                        Objects.requireNonNull(record, "the mapper returned a null record");
                    }
                    pending = records.iterator();
                } catch (UsageException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new UnreadableResponseException(providerId, elements.status, redactor.redact(elements.requestId),
                            redactor.redact(request.what() + " (window " + window + "): element " + elements.count
                                    + " of the response cannot be a FOCUS record: " + e.getMessage()), e);
                }
            }
            return true;
        }

        @Override
        public UsageRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            UsageRecord record = next;
            next = null;
            return record;
        }
    }

    /** The decoded elements of every page of one request; the next page is requested when one is used up. */
    private final class Elements<T> implements Iterator<T>, AutoCloseable {
        private final WindowRequest<T> request;
        private final Set<String> seen = new HashSet<>();
        private Page<T> page;
        private String cursor;
        private boolean last;
        private int pages;
        int status;
        String requestId;
        long count;

        Elements(WindowRequest<T> request) {
            this.request = request;
        }

        @Override
        public boolean hasNext() {
            while (page == null || !page.hasNext()) {
                if (page != null) {
                    String next = page.finish();
                    page.close();
                    page = null;
                    if (next == null || next.isEmpty()) {
                        last = true;
                    } else if (!seen.add(next)) {
                        throw new UnreadableResponseException(providerId, status, redactor.redact(requestId),
                                redactor.redact(request.what() + ": the provider sent cursor '" + next + "' again after page "
                                        + pages + "; stopping rather than reading the same pages twice"), null);
                    } else {
                        cursor = next;
                    }
                }
                if (last) {
                    return false;
                }
                page = open();
                pages++;
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            count++;
            return page.next();
        }

        private Page<T> open() {
            if (request.shape() == WindowRequest.Shape.DECODED) {
                return new Listed<>(request.decoded().iterator(), null);
            }
            String what = pages == 0 && cursor == null ? request.what() : request.what() + " (page " + (pages + 1) + ")";
            String from = cursor;
            if (request.shape() == WindowRequest.Shape.DOCUMENT) {
                // Decoded whole inside the call, so a body cut off mid-way is retried like any connection fault.
                return kit.call(what, () -> {
                    Response response = send(what, from);
                    try {
                        Object document = readWhole(response, what);
                        if (document instanceof Envelope envelope) {
                            Envelope checked = envelope;
                            checked.reportedError().ifPresent(error -> {
                                throw errors.reported(response, what, error);
                            });
                        }
                        Iterable<? extends T> items = request.elementsOf(document);
                        @SuppressWarnings("unchecked")
                        Iterator<T> iterator = items == null ? Collections.emptyIterator() : (Iterator<T>) items.iterator();
                        String next = document instanceof Envelope envelope ? envelope.nextCursor().orElse(null) : null;
                        return new Listed<>(iterator, next);
                    } finally {
                        closeQuietly(response);
                    }
                });
            }
            // The request and the body up to its first element run inside the call: a fault before any
            // element was handed out (a cut connection, a malformed chunk) is retried like any other.
            return kit.call(what, () -> {
                Response response = send(what, from);
                Streamed<T> streamed = null;
                try {
                    streamed = new Streamed<>(response, what, request);
                    streamed.hasNext();
                    return streamed;
                } catch (RuntimeException e) {
                    if (streamed != null) {
                        streamed.close();
                    }
                    closeQuietly(response);
                    throw e;
                }
            });
        }

        private Response send(String what, String from) {
            Response response = Objects.requireNonNull(request.sender().apply(from), "the request function returned null");
            status = response.status();
            requestId = errors.requestId(response);
            if (status < 200 || status >= 300) {
                try {
                    throw errors.fromStatus(response);
                } finally {
                    closeQuietly(response);
                }
            }
            return response;
        }

        private Object readWhole(Response response, String what) {
            try (JsonParser parser = parser(response, what)) {
                parser.nextToken();
                return mapper.readValue(parser, request.documentType());
            } catch (IOException e) {
                throw readFailure(response, what, e);
            }
        }

        @Override
        public void close() {
            if (page != null) {
                page.close();
            }
        }
    }

    private JsonParser parser(Response response, String what) throws IOException {
        if (response.body() == null) {
            throw empty(response, what);
        }
        InputStream raw = response.body().asInputStream();
        PushbackInputStream in = new PushbackInputStream(raw, 1);
        int first = in.read();
        if (first == -1) {
            in.close();
            throw empty(response, what);
        }
        in.unread(first);
        return mapper.createParser(in);
    }

    private UnreadableResponseException empty(Response response, String what) {
        return new UnreadableResponseException(providerId, response.status(), redactor.redact(errors.requestId(response)),
                redactor.redact(what + ": " + response.request().httpMethod() + " " + KitErrorDecoder.path(response.request().url())
                        + " answered with an empty body where usage data was expected"), null);
    }

    private UsageException readFailure(Response response, String what, IOException e) {
        String requestId = redactor.redact(errors.requestId(response));
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.toString();
        message = message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
        if (e instanceof JsonProcessingException) {
            return new UnreadableResponseException(providerId, response.status(), requestId, redactor.redact(what
                    + ": the response is not the JSON the provider documents (" + message + ")"), e);
        }
        return new TransientException(providerId, response.status(), requestId, redactor.redact(what
                + " failed: connection problem while reading the response (" + message + "); retrying later may help"), e);
    }

    private static void closeQuietly(Response response) {
        try {
            response.close();
        } catch (RuntimeException ignored) {
            // nothing to report
        }
    }

    /** One page's elements. */
    private interface Page<T> extends Iterator<T> {
        /** After the elements: checks what the page reports and returns the next cursor, or {@code null}. */
        String finish();

        void close();
    }

    private static final class Listed<T> implements Page<T> {
        private final Iterator<T> items;
        private final String next;

        Listed(Iterator<T> items, String next) {
            this.items = items;
            this.next = next;
        }

        @Override
        public boolean hasNext() {
            return items.hasNext();
        }

        @Override
        public T next() {
            return items.next();
        }

        @Override
        public String finish() {
            return next;
        }

        @Override
        public void close() {
            // nothing held
        }
    }

    /** A body read one element at a time with Jackson's streaming parser: a root array, or an array field. */
    private final class Streamed<T> implements Page<T> {
        private final Response response;
        private final String what;
        private final WindowRequest<T> request;
        private final JsonParser parser;
        private final ObjectNode rest;
        private boolean inArray;
        private boolean sawArray;
        private boolean done;
        private T next;

        Streamed(Response response, String what, WindowRequest<T> request) {
            this.response = response;
            this.what = what;
            this.request = request;
            this.rest = mapper.createObjectNode();
            try {
                this.parser = parser(response, what);
                JsonToken token = parser.nextToken();
                if (request.shape() == WindowRequest.Shape.ARRAY) {
                    if (token != JsonToken.START_ARRAY) {
                        throw unreadable("the response is not the JSON array the provider documents (it starts with "
                                + describe(token) + ")");
                    }
                    inArray = true;
                    sawArray = true;
                } else {
                    if (token != JsonToken.START_OBJECT) {
                        throw unreadable("the response is not the JSON object the provider documents (it starts with "
                                + describe(token) + ")");
                    }
                    advanceToArray();
                }
            } catch (IOException e) {
                throw readFailure(response, what, e);
            }
        }

        private UnreadableResponseException unreadable(String text) {
            return new UnreadableResponseException(providerId, response.status(),
                    redactor.redact(errors.requestId(response)), redactor.redact(what + ": " + text), null);
        }

        private static String describe(JsonToken token) {
            return token == null ? "nothing" : token.asString() != null ? "'" + token.asString() + "'" : token.name();
        }

        /** Reads the object's fields into {@code rest} until the array starts or the object ends. */
        private void advanceToArray() throws IOException {
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(request.field()) && !sawArray) {
                    if (value == JsonToken.START_ARRAY) {
                        inArray = true;
                        sawArray = true;
                        return;
                    }
                    if (value != JsonToken.VALUE_NULL) {
                        throw unreadable("the field '" + name + "' is not the array of usage the provider documents");
                    }
                    continue;
                }
                JsonNode node = mapper.readTree(parser);
                rest.set(name, node);
            }
            if (token != JsonToken.END_OBJECT) {
                throw unreadable("the response ends before its JSON object does");
            }
            done = true;
        }

        @Override
        public boolean hasNext() {
            try {
                while (next == null && !done) {
                    if (!inArray) {
                        advanceToArray();
                        continue;
                    }
                    JsonToken token = parser.nextToken();
                    if (token == JsonToken.END_ARRAY) {
                        inArray = false;
                        if (request.shape() == WindowRequest.Shape.ARRAY) {
                            done = true;
                        }
                        continue;
                    }
                    if (token == null) {
                        throw unreadable("the response ends inside its array");
                    }
                    if (token == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    next = mapper.readValue(parser, request.elementType());
                }
                return next != null;
            } catch (IOException e) {
                throw readFailure(response, what, e);
            } catch (UncheckedIOException e) {
                throw readFailure(response, what, e.getCause());
            }
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T value = next;
            next = null;
            return value;
        }

        @Override
        public String finish() {
            if (request.shape() == WindowRequest.Shape.ARRAY) {
                return null;
            }
            Envelope envelope;
            try {
                envelope = (Envelope) mapper.treeToValue(rest, request.documentType());
            } catch (JsonProcessingException e) {
                throw readFailure(response, what, e);
            }
            if (envelope == null) {
                throw unreadable("the response has no envelope");
            }
            envelope.reportedError().ifPresent(error -> {
                throw errors.reported(response, what, error);
            });
            if (!sawArray) {
                throw unreadable("the response answered without a " + request.field() + " array");
            }
            return envelope.nextCursor().orElse(null);
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException ignored) {
                // closing
            }
            closeQuietly(response);
        }
    }

    /** What a reader sees of the fetch. */
    private final class Context implements FetchContext {
        private final UsageQuery query;
        private final SourceConfig options;

        Context(UsageQuery query, SourceConfig options) {
            this.query = query;
            this.options = options;
        }

        @Override
        public UsageQuery query() {
            return query;
        }

        @Override
        public SourceConfig options() {
            return options;
        }

        @Override
        public <T> Stream<T> elements(WindowRequest<T> request) {
            Objects.requireNonNull(request, "request is null");
            Elements<T> elements = new Elements<>(request);
            return StreamSupport.stream(() -> Spliterators.spliteratorUnknownSize(elements, CHARACTERISTICS),
                    CHARACTERISTICS, false).onClose(elements::close);
        }
    }
}
