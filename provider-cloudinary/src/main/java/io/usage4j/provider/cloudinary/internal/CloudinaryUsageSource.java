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

    /**
     * One request per calendar year; the query's first year may add the year before. Each decoded plan
     * is one element; its metrics' cycles are its records ({@link #mapAll}).
     */
    private final class Reader implements WindowReader<PlanUsage> {
        @Override
        public SourceCapabilities capabilities() {
            return capabilities;
        }

        @Override
        public List<WindowRequest<PlanUsage>> requests(Window window, FetchContext context) {
            int year = window.start().getYear();
            if (year != context.query().from().getYear()) {
                return List.of(plans(year));
            }
            LocalDate queryStart = context.query().from();
            List<PlanUsage> plans;
            try (Stream<PlanUsage> decoded = context.elements(plans(year))) {
                plans = decoded.toList();
            }
            WindowRequest<PlanUsage> records = WindowRequest.decoded("billing usage of " + year, plans);
            Optional<LocalDate> earliest = CloudinaryMapper.earliestCycleStart(plans);
            if (earliest.isPresent() && !earliest.get().isAfter(queryStart)) {
                return List.of(records);
            }
            LOG.debug("{}: the query starts {} before the first cycle of {} ({}); reading {} for a cycle that began then",
                    providerId(), queryStart, year, earliest.map(LocalDate::toString).orElse("none"), year - 1);
            return List.of(plans(year - 1), records);
        }

        /** A plan's records: one per metric and cycle (and product environment, when asked for). */
        @Override
        public List<UsageRecord> mapAll(PlanUsage plan) {
            return mapper.map(List.of(plan));
        }
    }

    /** The {@code billing_usage} request of {@code year}, its plans made into elements by {@code elements}. */
    private WindowRequest<PlanUsage> plans(int year) {
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
                    return response.plans().get();
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
