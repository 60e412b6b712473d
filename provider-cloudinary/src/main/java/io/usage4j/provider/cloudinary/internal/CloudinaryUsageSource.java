package io.usage4j.provider.cloudinary.internal;

import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.plan.QueryPlanner;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.kit.HttpKit;
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
    private final QueryPlanner planner;
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
        this.planner = QueryPlanner.create();
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
        kit.ensureOpen();
        List<Window> windows = planner.windows(providerId(), query, capabilities);
        int firstYear = windows.get(0).start().getYear();
        // Stream.of(..).flatMap defers the request until the stream is consumed, also for one window.
        Stream<UsageRecord> records = kit.windows(windows, window -> Stream.of(window.start().getYear())
                .flatMap(year -> year == firstYear ? firstYear(year, query.from()) : year(year).stream()));
        return QueryPlanner.applyClientSide(records, query, capabilities);
    }

    /** The records of the query's first year, preceded by the year before's when a cycle from then may overlap. */
    private Stream<UsageRecord> firstYear(int year, LocalDate queryStart) {
        List<PlanUsage> plans = plans(year);
        List<UsageRecord> records = mapper.map(plans);
        Optional<LocalDate> earliest = CloudinaryMapper.earliestCycleStart(plans);
        if (earliest.isPresent() && !earliest.get().isAfter(queryStart)) {
            return records.stream();
        }
        LOG.debug("{}: the query starts {} before the first cycle of {} ({}); reading {} for a cycle that began then",
                providerId(), queryStart, year, earliest.map(LocalDate::toString).orElse("none"), year - 1);
        return Stream.concat(year(year - 1).stream(), records.stream());
    }

    private List<UsageRecord> year(int year) {
        return mapper.map(plans(year));
    }

    private List<PlanUsage> plans(int year) {
        kit.ensureOpen();
        String what = "billing usage of " + year;
        BillingUsageResponse response = kit.call(what,
                () -> client.billingUsage(accountId, year, productEnvironments ? Boolean.TRUE : null));
        if (response == null) {
            throw new UnreadableResponseException(providerId(), 200, null,
                    what + ": the response is JSON null where an array of plans was expected", null);
        }
        if (response.objectMessage().isPresent()) {
            String said = response.objectMessage().get();
            throw new UnreadableResponseException(providerId(), 200, null, what + ": the response is "
                    + (said.isEmpty() ? "a JSON object where an array of plans was expected"
                            : "an error, not usage data: " + kit.redact(said)), null);
        }
        return response.plans().orElseThrow();
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
