package io.usage4j.provider.cloudinary.internal;

import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.ServiceCategory;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageRecord;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns Cloudinary billing-usage plans into FOCUS records that add up: summing any column over them
 * counts no usage twice. A cycle without a product-environment breakdown gives one record per
 * account-level category. A cycle with one gives, per category, one record per product environment
 * and one for the remainder no environment accounts for (the account's value minus the environments'
 * sum, SubAccountId absent, {@code x_breakdown_level=account_remainder}), so the category's records add
 * up to the account's value exactly, and the cycle's to its usage.
 *
 * <p>What maps where:
 * <ul>
 *   <li>ChargePeriodStart = the cycle's {@code from_day} at 00:00 UTC; ChargePeriodEnd = the day
 *       after its {@code to_day} at 00:00 UTC. Cloudinary's {@code to_day} is the cycle's last day
 *       (the documented monthly cycle runs 2024-08-21 to 2024-09-20 and the next starts on the 21st),
 *       and FOCUS ends are exclusive;
 *   <li>ConsumedQuantity = the category's number exactly as written; ConsumedUnit = the metric as
 *       Cloudinary names it ({@code credit}). Credits are not money: no cost column and no
 *       BillingCurrency is filled;
 *   <li>SkuMeter = the category key; SubAccountId and SubAccountName = the product environment's
 *       {@code cloud_name} for product-environment records;
 *   <li>{@code x_plan_name}, {@code x_metric_limit} (the plan allowance), {@code x_cycle_usage}
 *       (the cycle total), {@code x_breakdown_level} ({@code account}, {@code product_environment},
 *       {@code account_remainder}, or {@code cycle_total} for a cycle that reports a total without
 *       categories), on remainder records {@code x_account_usage} (the account's value), on the records of
 *       a category whose environments exceed the account {@code x_environments_exceed_account} (by how
 *       much; the remainder is then negative, an {@code Adjustment}, and a warning is given), and for a month
 *       of an annual cycle the annual cycle's {@code x_annual_cycle_from_day}, {@code x_annual_cycle_to_day}
 *       and {@code x_annual_cycle_usage}.
 * </ul>
 *
 * <p>When a metric lists {@code monthly_cycles} (an annual plan), the months are mapped instead of the
 * annual cycle, so a query for one month answers with that month and nothing is counted twice.
 *
 * <p>The account-level categories are credit contributions that add up to the cycle's usage; when
 * they do not, the records keep the numbers as reported and a warning is passed to {@code warnings}.
 * The product environments need not cover the account (Cloudinary's ProPAYG example attributes 0.04 of
 * 7971.55 storage_image credits): the remainder records carry the rest.
 */
public final class CloudinaryMapper {
    /** The provider id, for exceptions. */
    public static final String PROVIDER_ID = "cloudinary";
    /** The ServiceName of every record. */
    public static final String SERVICE_NAME = "Cloudinary";

    public static final String X_PLAN_NAME = "x_plan_name";
    public static final String X_METRIC_LIMIT = "x_metric_limit";
    public static final String X_CYCLE_USAGE = "x_cycle_usage";
    public static final String X_BREAKDOWN_LEVEL = "x_breakdown_level";
    public static final String X_ACCOUNT_USAGE = "x_account_usage";
    public static final String X_ENVIRONMENTS_EXCEED_ACCOUNT = "x_environments_exceed_account";
    public static final String X_ANNUAL_CYCLE_FROM_DAY = "x_annual_cycle_from_day";
    public static final String X_ANNUAL_CYCLE_TO_DAY = "x_annual_cycle_to_day";
    public static final String X_ANNUAL_CYCLE_USAGE = "x_annual_cycle_usage";

    /** Every extension column a record may carry, in column order. */
    public static final List<String> EXTENSION_COLUMNS = List.of(X_PLAN_NAME, X_METRIC_LIMIT, X_CYCLE_USAGE,
            X_BREAKDOWN_LEVEL, X_ACCOUNT_USAGE, X_ENVIRONMENTS_EXCEED_ACCOUNT, X_ANNUAL_CYCLE_FROM_DAY, X_ANNUAL_CYCLE_TO_DAY, X_ANNUAL_CYCLE_USAGE);

    /** {@code x_breakdown_level} of the account-wide categories. */
    public static final String LEVEL_ACCOUNT = "account";
    /** {@code x_breakdown_level} of a product environment's categories. */
    public static final String LEVEL_PRODUCT_ENVIRONMENT = "product_environment";
    /**
     * {@code x_breakdown_level} of the part of an account-level value no product environment accounts for
     * (the account's value minus the environments' sum), in a cycle with a product-environment breakdown.
     */
    public static final String LEVEL_ACCOUNT_REMAINDER = "account_remainder";
    /** {@code x_breakdown_level} of a cycle that reports a usage total but no category. */
    public static final String LEVEL_CYCLE_TOTAL = "cycle_total";

    /** The categories Cloudinary documents; a value of another type under one of them is unreadable. */
    static final Set<String> DOCUMENTED_CATEGORIES = Set.of("storage_image", "storage_video", "storage_raw",
            "transformations_image", "transformations_video", "bandwidth_image", "bandwidth_video", "bandwidth_raw",
            "image_impressions", "video_seconds");

    private final String accountId;
    private final Consumer<String> warnings;

    /**
     * @param accountId the BillingAccountId of every record
     * @param warnings receives a message for each cycle whose categories do not add up to its usage,
     *     and for each undocumented category whose value is not a number (skipped)
     */
    public CloudinaryMapper(String accountId, Consumer<String> warnings) {
        this.accountId = Objects.requireNonNull(accountId, "accountId is null");
        this.warnings = Objects.requireNonNull(warnings, "warnings is null");
    }

    /**
     * The records of {@code plans}, in response order: plan, metric, cycle, then the account-level
     * categories followed by each product environment's.
     *
     * @throws UnreadableResponseException if a cycle has no readable dates, ends before it starts, a
     *     metric with cycles has no name (its numbers would have no unit), or a documented category is not a number
     */
    public List<UsageRecord> map(List<PlanUsage> plans) {
        Objects.requireNonNull(plans, "plans is null");
        List<UsageRecord> records = new ArrayList<>();
        for (PlanUsage plan : plans) {
            if (plan == null) {
                continue;
            }
            for (MetricUsage metric : nonNull(plan.metricUsage())) {
                if (metric == null) {
                    continue;
                }
                List<UsageCycle> months = nonNull(metric.monthlyCycles());
                if (months.isEmpty()) {
                    for (UsageCycle cycle : nonNull(metric.cycles())) {
                        mapCycle(plan, metric, cycle, null, records);
                    }
                } else {
                    for (UsageCycle month : months) {
                        mapCycle(plan, metric, month, annualCycleOf(plan, metric, month), records);
                    }
                }
            }
        }
        return records;
    }

    /**
     * The first day of the earliest cycle (or month) in {@code plans}, if any has a readable
     * {@code from_day}: cycles are listed by the year they began, so a query starting before this day
     * may overlap a cycle that began the year before.
     */
    public static Optional<LocalDate> earliestCycleStart(List<PlanUsage> plans) {
        LocalDate earliest = null;
        for (PlanUsage plan : plans) {
            if (plan == null) {
                continue;
            }
            for (MetricUsage metric : nonNull(plan.metricUsage())) {
                if (metric == null) {
                    continue;
                }
                List<UsageCycle> all = new ArrayList<>(nonNull(metric.cycles()));
                all.addAll(nonNull(metric.monthlyCycles()));
                for (UsageCycle cycle : all) {
                    LocalDate start = cycle == null ? null : parseOrNull(cycle.fromDay());
                    if (start != null && (earliest == null || start.isBefore(earliest))) {
                        earliest = start;
                    }
                }
            }
        }
        return Optional.ofNullable(earliest);
    }

    private void mapCycle(PlanUsage plan, MetricUsage metric, UsageCycle cycle, UsageCycle annual,
            List<UsageRecord> records) {
        if (cycle == null) {
            return;
        }
        String where = where(plan, cycle);
        Map<String, BigDecimal> categories = categories(cycle.breakdown(), where);
        boolean hasEnvironments = cycle.productEnvironmentBreakdown() != null
                && cycle.productEnvironmentBreakdown().stream().anyMatch(Objects::nonNull);
        if (categories.isEmpty() && cycle.usage() == null && !hasEnvironments) {
            return; // nothing reported for this cycle
        }
        LocalDate from = day(cycle.fromDay(), "from_day", where);
        LocalDate to = day(cycle.toDay(), "to_day", where);
        if (to.isBefore(from)) {
            throw unreadable(where + ": to_day " + to + " is before from_day " + from);
        }
        if (metric.metric() == null || metric.metric().isBlank()) {
            throw unreadable(where + ": the metric has no name, so its numbers have no unit");
        }
        Span span = new Span(from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        Context context = new Context(plan, metric, cycle, annual, span);

        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal value : categories.values()) {
            sum = sum.add(value);
        }
        if (!categories.isEmpty() && cycle.usage() != null && sum.compareTo(cycle.usage()) != 0) {
            warnings.accept(where + ": the breakdown categories add up to " + sum.toPlainString()
                    + " but the cycle usage is " + cycle.usage().toPlainString()
                    + "; the records keep the categories as reported and the total in " + X_CYCLE_USAGE);
        }
        if (hasEnvironments) {
            mapEnvironments(context, categories, where, records);
            return;
        }
        if (categories.isEmpty()) {
            records.add(record(context, null, cycle.usage(), null, LEVEL_CYCLE_TOTAL));
        }
        for (Map.Entry<String, BigDecimal> category : categories.entrySet()) {
            records.add(record(context, category.getKey(), category.getValue(), null, LEVEL_ACCOUNT));
        }
    }

    /**
     * A cycle with a product-environment breakdown, as additive rows: per category, one record per product
     * environment that reports it, then one record (SubAccountId absent, level {@link #LEVEL_ACCOUNT_REMAINDER})
     * for what no product environment accounts for, the account's value minus the environments' sum. The
     * category's records then add up to the account's value exactly. Categories only the environments
     * report follow the account's, their account value taken as zero. A cycle that reports a total but no
     * category gets one remainder record for the total. When the environments add up to more than the
     * account, the remainder is negative: kept as computed (an {@code Adjustment}, never clamped), warned,
     * and every record of that category carries {@link #X_ENVIRONMENTS_EXCEED_ACCOUNT}.
     */
    private void mapEnvironments(Context context, Map<String, BigDecimal> account, String where,
            List<UsageRecord> records) {
        List<String> cloudNames = new ArrayList<>();
        List<Map<String, BigDecimal>> environments = new ArrayList<>();
        for (ProductEnvironmentBreakdown environment : context.cycle.productEnvironmentBreakdown()) {
            if (environment == null) {
                continue;
            }
            String cloudName = environment.cloudName();
            cloudNames.add(cloudName);
            environments.add(categories(environment, where + ", product environment "
                    + (cloudName == null ? "(no cloud_name)" : cloudName)));
        }
        if (account.isEmpty()) {
            // no category at account level: the environments' categories, then the rest of the cycle's total
            List<Share> shares = new ArrayList<>();
            for (int e = 0; e < environments.size(); e++) {
                for (Map.Entry<String, BigDecimal> category : environments.get(e).entrySet()) {
                    shares.add(new Share(category.getKey(), cloudNames.get(e), category.getValue()));
                }
            }
            addShares(context, null, context.cycle.usage(), shares, where, records);
            return;
        }
        Set<String> keys = new LinkedHashSet<>(account.keySet());
        environments.forEach(environment -> keys.addAll(environment.keySet()));
        for (String key : keys) {
            List<Share> shares = new ArrayList<>();
            for (int e = 0; e < environments.size(); e++) {
                BigDecimal value = environments.get(e).get(key);
                if (value != null) {
                    shares.add(new Share(key, cloudNames.get(e), value));
                }
            }
            addShares(context, key, account.getOrDefault(key, BigDecimal.ZERO), shares, where, records);
        }
    }

    /** The environments' records of one category (or of the total) and the remainder of {@code accountValue}, if known. */
    private void addShares(Context context, String category, BigDecimal accountValue, List<Share> shares, String where,
            List<UsageRecord> records) {
        if (accountValue == null) {
            // neither categories nor a total at account level: nothing to take a remainder from
            shares.forEach(share -> records.add(record(context, share.category, share.value, share.cloudName,
                    LEVEL_PRODUCT_ENVIRONMENT)));
            return;
        }
        BigDecimal attributed = BigDecimal.ZERO;
        for (Share share : shares) {
            attributed = attributed.add(share.value);
        }
        BigDecimal remainder = accountValue.subtract(attributed);
        String excess = null;
        if (remainder.signum() < 0) {
            excess = remainder.negate().toPlainString();
            warnings.accept(where + ": the product environments' " + (category == null ? "usage" : category) + " add up to "
                    + attributed.toPlainString() + ", more than the account's " + accountValue.toPlainString()
                    + "; the remainder record keeps " + remainder.toPlainString() + " (nothing is clamped) and the records"
                    + " of this " + (category == null ? "cycle" : "category") + " carry " + X_ENVIRONMENTS_EXCEED_ACCOUNT);
        }
        for (Share share : shares) {
            records.add(record(context, share.category, share.value, share.cloudName, LEVEL_PRODUCT_ENVIRONMENT,
                    null, excess));
        }
        records.add(record(context, category, remainder, null, LEVEL_ACCOUNT_REMAINDER, accountValue, excess));
    }

    private UsageRecord record(Context context, String category, BigDecimal quantity, String cloudName, String level) {
        return record(context, category, quantity, cloudName, level, null, null);
    }

    /**
     * @param accountUsage on a remainder record, the account's value the remainder is taken from
     * @param excess on the records of a category whose environments exceed the account's value, by how much
     */
    private UsageRecord record(Context context, String category, BigDecimal quantity, String cloudName, String level,
            BigDecimal accountUsage, String excess) {
        Map<String, String> extensions = new LinkedHashMap<>();
        if (context.plan.planName() != null) {
            extensions.put(X_PLAN_NAME, context.plan.planName());
        }
        if (context.metric.limit() != null) {
            extensions.put(X_METRIC_LIMIT, context.metric.limit().toPlainString());
        }
        if (context.cycle.usage() != null) {
            extensions.put(X_CYCLE_USAGE, context.cycle.usage().toPlainString());
        }
        extensions.put(X_BREAKDOWN_LEVEL, level);
        if (accountUsage != null) {
            extensions.put(X_ACCOUNT_USAGE, accountUsage.toPlainString());
        }
        if (excess != null) {
            extensions.put(X_ENVIRONMENTS_EXCEED_ACCOUNT, excess);
        }
        if (context.annual != null) {
            extensions.put(X_ANNUAL_CYCLE_FROM_DAY, context.annual.fromDay());
            extensions.put(X_ANNUAL_CYCLE_TO_DAY, context.annual.toDay());
            if (context.annual.usage() != null) {
                extensions.put(X_ANNUAL_CYCLE_USAGE, context.annual.usage().toPlainString());
            }
        }
        return UsageRecord.builder()
                .billingAccountId(accountId)
                .subAccountId(cloudName)
                .subAccountName(cloudName)
                .chargePeriodStart(context.span.start)
                .chargePeriodEnd(context.span.end)
                // a negative remainder (environments exceeding the account) is a correction, not usage
                .chargeCategory(excess != null && accountUsage != null ? ChargeCategory.ADJUSTMENT : ChargeCategory.USAGE)
                .chargeFrequency(ChargeFrequency.USAGE_BASED)
                .chargeDescription(description(context, category, cloudName, level))
                .consumedQuantity(quantity)
                .consumedUnit(context.metric.metric())
                .serviceName(SERVICE_NAME)
                .serviceCategory(ServiceCategory.MEDIA)
                .serviceProviderName(SERVICE_NAME)
                .hostProviderName(SERVICE_NAME)
                .providerName(SERVICE_NAME)
                .publisherName(SERVICE_NAME)
                .skuMeter(category)
                .putAllExtensions(extensions)
                .build();
    }

    private static String description(Context context, String category, String cloudName, String level) {
        StringBuilder text = new StringBuilder(category == null ? "total usage" : category)
                .append(" (").append(context.metric.metric()).append(')');
        if (context.plan.planName() != null) {
            text.append(", plan ").append(context.plan.planName());
        }
        if (cloudName != null) {
            text.append(", product environment ").append(cloudName);
        }
        if (LEVEL_ACCOUNT_REMAINDER.equals(level)) {
            text.append(", not attributed to a product environment");
        }
        return text.toString();
    }

    /** The numeric categories of {@code breakdown}, in order; see {@link #DOCUMENTED_CATEGORIES}. */
    private Map<String, BigDecimal> categories(Breakdown breakdown, String where) {
        Map<String, BigDecimal> categories = new LinkedHashMap<>();
        if (breakdown == null) {
            return categories;
        }
        for (Map.Entry<String, Object> entry : breakdown.values().entrySet()) {
            Object value = entry.getValue();
            if (value == null) {
                continue; // absent in all but name: no quantity to report
            }
            BigDecimal number = number(value);
            if (number != null) {
                categories.put(entry.getKey(), number);
            } else if (DOCUMENTED_CATEGORIES.contains(entry.getKey())) {
                throw unreadable(where + ": breakdown category " + entry.getKey() + " is not a number");
            } else {
                warnings.accept(where + ": skipped undocumented breakdown key " + entry.getKey()
                        + ", whose value is not a number");
            }
        }
        return categories;
    }

    /** An exact decimal for a number Jackson read (decimals arrive as BigDecimal from the text); else {@code null}. */
    private static BigDecimal number(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        return null; // text, objects, arrays, booleans; a double never reaches here with the kit's mapper
    }

    private UsageCycle annualCycleOf(PlanUsage plan, MetricUsage metric, UsageCycle month) {
        LocalDate start = month == null ? null : parseOrNull(month.fromDay());
        if (start == null) {
            return null;
        }
        for (UsageCycle cycle : nonNull(metric.cycles())) {
            if (cycle == null) {
                continue;
            }
            String where = where(plan, cycle);
            LocalDate from = day(cycle.fromDay(), "from_day", where);
            LocalDate to = day(cycle.toDay(), "to_day", where);
            if (!start.isBefore(from) && !start.isAfter(to)) {
                return cycle;
            }
        }
        return null;
    }

    private static LocalDate day(String text, String field, String where) {
        if (text == null) {
            throw unreadable(where + ": the cycle has no " + field + ", so its usage cannot be placed in time");
        }
        LocalDate day = parseOrNull(text);
        if (day == null) {
            throw unreadable(where + ": " + field + " '" + text + "' is not a date of the form YYYY-MM-DD");
        }
        return day;
    }

    private static LocalDate parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    private static String where(PlanUsage plan, UsageCycle cycle) {
        return "plan " + (plan.planName() == null ? "(unnamed)" : "'" + plan.planName() + "'")
                + ", cycle " + cycle.fromDay() + ".." + cycle.toDay();
    }

    private static UnreadableResponseException unreadable(String message) {
        return new UnreadableResponseException(PROVIDER_ID, "billing usage: " + message, null);
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private record Span(Instant start, Instant end) {}

    /** One product environment's value of one category ({@code category} null: of the cycle's total). */
    private record Share(String category, String cloudName, BigDecimal value) {}

    private record Context(PlanUsage plan, MetricUsage metric, UsageCycle cycle, UsageCycle annual, Span span) {}
}
