package io.usage4j.provider.cloudinary.internal;

import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.kit.FetchContext;
import io.usage4j.spi.kit.HttpKit;
import io.usage4j.spi.kit.WindowReader;
import io.usage4j.spi.kit.WindowRequest;
import java.util.function.Function;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Cloudinary account's billing usage.
 *
 * <p>A query becomes one {@code billing_usage?year=Y} request per calendar year it touches. Cloudinary
 * answers with the cycles that <em>began</em> in that year, so a cycle that began the year before
 * the query's first year may still overlap the query (a monthly cycle from 21 December, or an annual
 * cycle from last August). The first year's answer tells: when the query starts before that year's
 * earliest cycle (or the year has none), the year before is requested too and its records come
 * first. Cycles are at most a year long, so one year back is enough. Records whose cycle does not
 * overlap the query are then dropped.
 */
public final class CloudinaryUsageSource implements UsageSource {
    private static final Logger LOG = LoggerFactory.getLogger(CloudinaryUsageSource.class);

    private final String accountId;
    private final boolean productEnvironments;
    private final HttpKit kit;
    private final CloudinaryClient client;
    private final SourceCapabilities capabilities;
    private final Reader reader = new Reader();
    private final CloudinaryMapper mapper;

    /**
     * @param accountId the Cloudinary account id (not a secret)
     * @param productEnvironments whether to ask for the breakdown per product environment
     * @param kit the kit built for this source; closed with it
     * @param capabilities what the source serves
     */
    public CloudinaryUsageSource(String accountId, boolean productEnvironments, HttpKit kit,
            SourceCapabilities capabilities) {
        this.accountId = Objects.requireNonNull(accountId, "accountId is null");
        this.productEnvironments = productEnvironments;
        this.kit = Objects.requireNonNull(kit, "kit is null");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities is null");
        this.client = kit.client(CloudinaryClient.class);
        this.mapper = new CloudinaryMapper(accountId, warning -> LOG.warn("{}: {}", CloudinaryMapper.PROVIDER_ID, warning));
    }

    @Override
    public String providerId() {
        return CloudinaryMapper.PROVIDER_ID;
    }

    @Override
    public SourceCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public Stream<UsageRecord> fetch(UsageQuery query) {
        Objects.requireNonNull(query, "query is null");
        return kit.fetch(query, reader);
    }

    /** One request per calendar year; the query's first year may add the year before. */
    private final class Reader implements WindowReader<UsageRecord> {
        @Override
        public SourceCapabilities capabilities() {
            return capabilities;
        }

        @Override
        public List<WindowRequest<UsageRecord>> requests(Window window, FetchContext context) {
            int year = window.start().getYear();
            if (year != context.query().from().getYear()) {
                return List.of(yearRequest(year));
            }
            LocalDate queryStart = context.query().from();
            List<PlanUsage> plans;
            try (Stream<PlanUsage> decoded = context.elements(plans(year, Function.identity()))) {
                plans = decoded.toList();
            }
            WindowRequest<UsageRecord> records = WindowRequest.decoded("billing usage of " + year, mapper.map(plans));
            Optional<LocalDate> earliest = CloudinaryMapper.earliestCycleStart(plans);
            if (earliest.isPresent() && !earliest.get().isAfter(queryStart)) {
                return List.of(records);
            }
            LOG.debug("{}: the query starts {} before the first cycle of {} ({}); reading {} for a cycle that began then",
                    providerId(), queryStart, year, earliest.map(LocalDate::toString).orElse("none"), year - 1);
            return List.of(yearRequest(year - 1), records);
        }

        /** The records are mapped per response: a plan's cycles make many records. */
        @Override
        public UsageRecord map(UsageRecord record) {
            return record;
        }

        private WindowRequest<UsageRecord> yearRequest(int year) {
            return plans(year, mapper::map);
        }
    }

    /** The {@code billing_usage} request of {@code year}, its plans made into elements by {@code elements}. */
    private <T> WindowRequest<T> plans(int year, Function<List<PlanUsage>, List<T>> elements) {
        String what = "billing usage of " + year;
        return WindowRequest.send(what, cursor -> client.billingUsage(accountId, year, productEnvironments ? Boolean.TRUE : null))
                .document(BillingUsageResponse.class, response -> {
                    if (response == null) {
                        throw new UnreadableResponseException(providerId(), 200, null,
                                what + ": the response is JSON null where an array of plans was expected", null);
                    }
                    if (response.plans().isEmpty()) {
                        throw new UnreadableResponseException(providerId(), 200, null,
                                what + ": the response is a JSON object where an array of plans was expected", null);
                    }
                    return elements.apply(response.plans().get());
                });
    }

    @Override
    public void close() {
        kit.close();
    }

    @Override
    public String toString() {
        return "CloudinaryUsageSource[account " + accountId + (productEnvironments ? ", product environments" : "")
                + ", " + kit + "]";
    }
}
