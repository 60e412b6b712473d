package io.usage4j.spark.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.types.StructType;

/**
 * Prunes columns and takes the cheap filters: a bound on {@code ChargePeriodStart} narrows the date
 * range the splits are planned for (fewer splits, fewer requests); an {@code =} or {@code IN} on
 * {@code BillingAccountId} drops other accounts' records in the reader, before they become rows.
 * Spark still evaluates every filter on the rows (the narrowing is by whole UTC days).
 */
final class UsageScanBuilder implements SupportsPushDownRequiredColumns, SupportsPushDownFilters {
    static final String CHARGE_PERIOD_START = "ChargePeriodStart";
    static final String BILLING_ACCOUNT_ID = "BillingAccountId";

    private final StructType schema;
    private final ReadOptions options;
    private StructType required;
    private LocalDate from;
    private LocalDate to;
    private Set<String> accounts;
    private Filter[] pushed = new Filter[0];

    UsageScanBuilder(StructType schema, ReadOptions options) {
        this.schema = schema;
        this.options = options;
        this.required = schema;
        this.from = options.from();
        this.to = options.to();
    }

    @Override
    public void pruneColumns(StructType requiredSchema) {
        this.required = requiredSchema;
    }

    @Override
    public Filter[] pushFilters(Filter[] filters) {
        List<Filter> used = new ArrayList<>();
        for (Filter filter : filters) {
            if (narrow(filter)) {
                used.add(filter);
            }
        }
        pushed = used.toArray(Filter[]::new);
        return filters; // every filter is evaluated again on the rows
    }

    private boolean narrow(Filter filter) {
        if (filter instanceof GreaterThan f && f.attribute().equals(CHARGE_PERIOD_START) && instant(f.value()) != null) {
            return raiseFrom(day(instant(f.value())));
        }
        if (filter instanceof GreaterThanOrEqual f && f.attribute().equals(CHARGE_PERIOD_START) && instant(f.value()) != null) {
            return raiseFrom(day(instant(f.value())));
        }
        if (filter instanceof LessThan f && f.attribute().equals(CHARGE_PERIOD_START) && instant(f.value()) != null) {
            Instant bound = instant(f.value());
            LocalDate day = day(bound);
            return lowerTo(bound.equals(day.atStartOfDay(ZoneOffset.UTC).toInstant()) ? day : day.plusDays(1));
        }
        if (filter instanceof LessThanOrEqual f && f.attribute().equals(CHARGE_PERIOD_START) && instant(f.value()) != null) {
            return lowerTo(day(instant(f.value())).plusDays(1));
        }
        if (filter instanceof EqualTo f && f.attribute().equals(CHARGE_PERIOD_START) && instant(f.value()) != null) {
            LocalDate day = day(instant(f.value()));
            raiseFrom(day);
            lowerTo(day.plusDays(1));
            return true;
        }
        if (filter instanceof EqualTo f && f.attribute().equals(BILLING_ACCOUNT_ID) && f.value() instanceof String id) {
            keepAccounts(Set.of(id));
            return true;
        }
        if (filter instanceof In f && f.attribute().equals(BILLING_ACCOUNT_ID)) {
            Set<String> ids = new LinkedHashSet<>();
            for (Object value : f.values()) {
                if (!(value instanceof String id)) {
                    return false;
                }
                ids.add(id);
            }
            keepAccounts(ids);
            return true;
        }
        return false;
    }

    private boolean raiseFrom(LocalDate day) {
        if (day.isAfter(from)) {
            from = day;
        }
        return true;
    }

    private boolean lowerTo(LocalDate day) {
        if (day.isBefore(to)) {
            to = day;
        }
        return true;
    }

    private void keepAccounts(Set<String> ids) {
        if (accounts == null) {
            accounts = new LinkedHashSet<>(ids);
        } else {
            accounts.retainAll(ids);
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return null;
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public Filter[] pushedFilters() {
        return pushed.clone();
    }

    @Override
    public Scan build() {
        return new UsageScan(options, required, from, to, accounts == null ? null : Set.copyOf(accounts));
    }
}
