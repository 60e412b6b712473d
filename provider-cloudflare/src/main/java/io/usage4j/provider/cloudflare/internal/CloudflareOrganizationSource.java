package io.usage4j.provider.cloudflare.internal;

import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.plan.QueryPlanner;
import io.usage4j.spi.kit.HttpKit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage of every account of one Cloudflare organization: {@code GET /organizations/{organization_id}
 * /billable/usage?from&to}, usage only (Cloudflare offers no organization-level cost query), one
 * request per window of at most 31 days. {@code to} is read as inclusive, as for the account GET, and
 * each record is kept by the one window its ChargePeriodStart falls in ({@link OwnedWindow}). Filters
 * are applied on the client: the endpoint takes only {@code from} and {@code to}.
 *
 * <p>Records carry their account in BillingAccountId; one without (contract-level usage) gets the
 * organization id, marked by {@value CloudflareMapper#ACCOUNT_OMITTED}. An organization with no accounts,
 * or an id that does not exist, answers 200 with no records rather than an error: a fetch that ends
 * with no record at all says so in an INFO line.
 */
public final class CloudflareOrganizationSource implements UsageSource {
    private static final Logger LOG = LoggerFactory.getLogger(CloudflareOrganizationSource.class);

    private final String organizationId;
    private final HttpKit kit;
    private final CloudflareClient client;
    private final QueryPlanner planner;

    /** A source reading the usage of organization {@code organizationId} through {@code kit}. */
    public CloudflareOrganizationSource(String organizationId, HttpKit kit, QueryPlanner planner) {
        this.organizationId = Objects.requireNonNull(organizationId, "organizationId is null");
        this.kit = Objects.requireNonNull(kit, "kit is null");
        this.planner = Objects.requireNonNull(planner, "planner is null");
        this.client = kit.client(CloudflareClient.class);
    }

    @Override
    public String providerId() {
        return CloudflareMapper.PROVIDER_ID;
    }

    @Override
    public SourceCapabilities capabilities() {
        return Dataset.ORGANIZATION.capabilities();
    }

    @Override
    public Stream<UsageRecord> fetch(UsageQuery query) {
        Objects.requireNonNull(query, "query is null");
        kit.ensureOpen();
        List<OwnedWindow> windows = OwnedWindow.of(planner.windows(providerId(), query, capabilities()));
        AtomicBoolean answered = new AtomicBoolean();
        Stream<UsageRecord> records = kit.windows(windows, this::fetchWindow)
                .peek(record -> answered.set(true));
        Stream<UsageRecord> emptyNotice = Stream.of(query).flatMap(q -> {
            if (!answered.get()) {
                LOG.info("{}: organization {} answered no usage from {} to {}: Cloudflare answers an empty result,"
                        + " not an error, for an organization with no accounts and for an organization id that does"
                        + " not exist; check the id (dashboard, Organization settings) if you expected usage",
                        providerId(), organizationId, q.from(), q.to().minusDays(1));
            }
            return Stream.empty();
        });
        return QueryPlanner.applyClientSide(Stream.concat(records, emptyNotice), query, capabilities());
    }

    private Stream<UsageRecord> fetchWindow(OwnedWindow window) {
        kit.ensureOpen();
        String from = window.window().start().toString();
        String to = window.window().lastDay().toString();
        String what = "organization usage " + from + ".." + to;
        CloudflareEnvelope<BillableUsageItem> envelope = kit.call(what,
                () -> client.organizationUsage(organizationId, from, to));
        return OwnedWindow.result(envelope, what, kit).stream()
                .map(item -> CloudflareMapper.fromBillable(item, organizationId))
                .filter(window::owns);
    }

    @Override
    public void close() {
        kit.close();
    }

    @Override
    public String toString() {
        return "CloudflareOrganizationSource[organization " + organizationId + ", " + kit.baseUrl() + "]";
    }
}
