package io.usage4j.core;

/**
 * The filters a {@link UsageQuery} can carry. A source lists in
 * {@link SourceCapabilities#pushedDownFilters()} those its API applies; the rest are applied to the
 * records on the client with the meaning below, so every source answers a query the same way.
 */
public enum QueryFilter {
    /** {@link UsageQuery#metrics()}: a record matches when its SkuId or SkuMeter is one of the values. */
    METRIC,
    /** {@link UsageQuery#serviceNames()}: a record matches when its ServiceName is one of the values. */
    SERVICE_NAME,
    /** {@link UsageQuery#subAccountIds()}: a record matches when its SubAccountId is one of the values. */
    SUB_ACCOUNT
}
