package io.usage4j.provider.cloudflare.internal;

import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.kit.FetchContext;
import io.usage4j.spi.kit.HttpKit;
import io.usage4j.spi.kit.WindowReader;
import io.usage4j.spi.kit.WindowRequest;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage of every account of one Cloudflare organization, read through the kit's pipeline:
 * {@code GET /organizations/{organization_id}/billable/usage?from&to}, usage only (Cloudflare offers no
 * organization-level cost query), one request per window of at most 31 days. {@code to} is read as
 * inclusive, as for the account GET, and each record is kept by the one window its ChargePeriodStart
 * falls in. Filters are applied on the client: the endpoint takes only {@code from} and {@code to}.
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

    /** A source reading the usage of organization {@code organizationId} through {@code kit}. */
    public CloudflareOrganizationSource(String organizationId, HttpKit kit) {
        this.organizationId = Objects.requireNonNull(organizationId, "organizationId is null");
        this.kit = Objects.requireNonNull(kit, "kit is null");
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
        AtomicBoolean answered = new AtomicBoolean();
        Stream<UsageRecord> records = kit.fetch(query, new Reader()).peek(record -> answered.set(true));
        Stream<UsageRecord> emptyNotice = Stream.of(query).flatMap(q -> {
            if (!answered.get()) {
                LOG.info("{}: organization {} answered no usage from {} to {}: Cloudflare answers an empty result,"
                        + " not an error, for an organization with no accounts and for an organization id that does"
                        + " not exist; check the id (dashboard, Organization settings) if you expected usage",
                        providerId(), organizationId, q.from(), q.to().minusDays(1));
            }
            return Stream.empty();
        });
        return Stream.concat(records, emptyNotice);
    }

    /** One GET per window. */
    private final class Reader implements WindowReader<BillableUsageItem> {

        @Override
        public SourceCapabilities capabilities() {
            return Dataset.ORGANIZATION.capabilities();
        }

        @Override
        public List<WindowRequest<BillableUsageItem>> requests(Window window, FetchContext context) {
            String from = window.start().toString();
            String to = window.lastDay().toString();
            return List.of(WindowRequest.send("organization usage " + from + ".." + to,
                            cursor -> client.organizationUsage(organizationId, from, to))
                    .arrayIn("result", BillableUsageItem.class, CloudflareEnvelope.class));
        }

        @Override
        public UsageRecord map(BillableUsageItem item) {
            return CloudflareMapper.fromBillable(item, organizationId);
        }

        @Override
        public boolean ownsRecordsByChargePeriodStart() {
            return true;
        }
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
