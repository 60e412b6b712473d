package io.usage4j.provider.cloudflare.internal;

import io.usage4j.core.RequestException;
import io.usage4j.core.UnsupportedQueryException;
import io.usage4j.core.UsageException;
import java.util.regex.Pattern;

/**
 * What a refused {@code POST /accounts/{id}/billable/usage} means. Cloudflare documents two 400s
 * ("when the underlying usage data source does not support tags" / "dimensions") but neither their
 * codes nor their texts, and no error for an account that cannot use the POST or {@code Metric: cost}.
 * The signals chosen, in one place:
 *
 * <ul>
 *   <li>404 or 405 to the POST: the endpoint is not offered to this account (or by this API revision),
 *       so rated costs are not available: an {@link UnsupportedQueryException} naming
 *       {@code dataset=usage}, the usage-only GET;
 *   <li>400 whose message names the word "metric": an API revision that rejects the {@code Metric}
 *       field (earlier revisions reject unknown fields): the same {@link UnsupportedQueryException};
 *   <li>any other 400 to a request that groups or filters by tags or dimensions: the data source does
 *       not support that grouping, a {@link RequestException} naming it.
 * </ul>
 *
 * Never does a refused cost query fall back to usage-only rows on its own.
 */
final class CostErrors {
    /** The word "metric" on its own (not "MetricIds"), in a 400 message. */
    private static final Pattern METRIC_WORD = Pattern.compile("(?i)(^|[^a-z_])metric([^a-z_]|$)");

    private CostErrors() {}

    /**
     * {@code failure} of the POST for {@code account} with {@code shape}, translated where one of the
     * signals above applies; otherwise {@code failure} itself.
     */
    static UsageException translate(UsageException failure, String account, QueryShape shape) {
        if (!(failure instanceof RequestException) || failure.httpStatus().isEmpty()) {
            return failure;
        }
        int status = failure.httpStatus().getAsInt();
        String said = failure.getMessage().replaceFirst("^\\[" + CloudflareMapper.PROVIDER_ID + "\\] ", "");
        if (status == 404 || status == 405 || status == 400 && METRIC_WORD.matcher(said).find()) {
            return new UnsupportedQueryException(CloudflareMapper.PROVIDER_ID, status, failure.requestId().orElse(null),
                    "rated costs are not available to account " + account + " through POST /accounts/{account_id}"
                    + "/billable/usage with \"Metric\": \"cost\". For usage-only rows, without"
                    + " costs, open usage:cloudflare:" + account + "?dataset=usage (the plain GET); if that is refused"
                    + " too, the account has no access to billable usage v2 (alpha, restricted). Cloudflare said: "
                    + said, failure);
        }
        if (status == 400 && shape.groupsOrFiltersTags()) {
            return new RequestException(CloudflareMapper.PROVIDER_ID, status, failure.requestId().orElse(null),
                    "Cloudflare refused " + shape.describeGrouping() + " for account " + account + ": the"
                    + " usage data source behind it does not support grouping or filtering by these tags or dimensions."
                    + " Remove or change " + QueryShape.GROUP_BY + " / " + QueryShape.TAG_FILTER
                    + ". Cloudflare said: " + said, failure);
        }
        return failure;
    }
}
