package io.usage4j.core;

import java.util.Objects;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What usage a source describes, so that sources which describe the <em>same</em> usage are told apart
 * from sources whose rows add up.
 *
 * <p>A provider may offer several datasets of one account that describe the same usage at different
 * granularity: Fastly's monthly usage metrics and its per-service metrics, Cloudflare's billable usage
 * and its PayGo usage, Cloudinary's account categories with or without the product-environment
 * breakdown. Each dataset's rows are additive on their own (summing a column over one source's rows
 * counts nothing twice), but summing the rows of two such sources counts the same usage twice. Such
 * sources declare views with the same {@link #providerId()}, {@link #accountId()} and {@link #name()}
 * and a different {@link #variant()}: {@link #overlaps(UsageView)} tells a consumer (the CLI's table,
 * a dataset) not to add them up.
 *
 * <p>{@link #sourceKey()} identifies one source's rows among all others (all four parts): a store that
 * keeps the rows of several sources partitions them by it, so two views of the same usage never share
 * a partition.
 */
@Value.Immutable
public abstract class UsageView {
    UsageView() {
        // only the generated ImmutableUsageView extends this
    }

    /**
     * A view of {@code name} usage of {@code accountId} at {@code providerId}, as read by the dataset {@code variant}.
     *
     * @param accountId the account as the source names it, or {@code null} when the source reads the
     *     account its credential belongs to (then sources of the provider without an account are taken as one account)
     */
    public static UsageView of(String providerId, String accountId, String name, String variant) {
        return ImmutableUsageView.builder().providerId(providerId).accountId(Optional.ofNullable(accountId))
                .name(name).variant(variant).build();
    }

    /** The provider id, e.g. {@code fastly}. */
    public abstract String providerId();

    /** The account whose usage this is, as the source names it; absent when implied by the credential. */
    public abstract Optional<String> accountId();

    /** What usage is described, e.g. {@code usage} or {@code credits}: the same for every dataset describing it. */
    public abstract String name();

    /** Which dataset of the view this source reads, e.g. {@code monthly} or {@code services}. */
    public abstract String variant();

    /**
     * Whether this view and {@code other} describe the same usage (same provider, account and name):
     * summing the rows of two sources whose views overlap counts that usage more than once. A view overlaps itself.
     */
    public final boolean overlaps(UsageView other) {
        Objects.requireNonNull(other, "other is null");
        return providerId().equals(other.providerId()) && accountId().equals(other.accountId())
                && name().equals(other.name());
    }

    /**
     * The source's identity among all sources, {@code provider:account:name:variant} (the account
     * empty when implied by the credential), e.g. {@code fastly:x4xCwxxJxGCx123Rx5xTx:usage:services}.
     */
    public final String sourceKey() {
        return providerId() + ":" + accountId().orElse("") + ":" + name() + ":" + variant();
    }

    /** e.g. {@code usage of fastly account x4xC... (services)}, for messages. */
    @Override
    public final String toString() {
        return name() + " of " + providerId() + accountId().map(a -> " account " + a).orElse(" (the credential's account)")
                + " (" + variant() + ")";
    }

    @Value.Check
    protected void check() {
        part("providerId", providerId());
        accountId().ifPresent(account -> part("accountId", account));
        part("name", name());
        part("variant", variant());
    }

    private static void part(String what, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("a usage view's " + what + " must not be blank");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ':' || c == '/' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("a usage view's " + what + " must not contain ':', '/' or"
                        + " white space (it is part of the source key), got '" + value + "'");
            }
        }
    }
}
