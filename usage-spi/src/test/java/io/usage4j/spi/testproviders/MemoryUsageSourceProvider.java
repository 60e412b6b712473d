package io.usage4j.spi.testproviders;

import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.Granularity;
import io.usage4j.core.QueryFilter;
import io.usage4j.core.ServiceCategory;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.WindowUnit;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.SourceConfig;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.spi.UsageUrl;
import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An in-memory provider for tests, "memory": daily records of two metrics, in windows of 7 days,
 * with the METRIC filter pushed down. Needs a secret token; its URL path is the account id.
 */
public final class MemoryUsageSourceProvider implements UsageSourceProvider {
    public static final String ID = "memory";
    static final SourceCapabilities CAPABILITIES = SourceCapabilities.builder()
            .granularity(Granularity.DAY)
            .windowUnit(WindowUnit.DAYS)
            .windowSize(7)
            .addPushedDownFilters(QueryFilter.METRIC)
            .addExtensionColumns("x_memory_dataset", "x_memory_window")
            .build();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public SourceCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public List<ProviderProperty> properties() {
        return List.of(
                ProviderProperty.secret("token", "API token", "MEMORY_TOKEN", "MEMORY_API_TOKEN"),
                ProviderProperty.optional("dataset", "which dataset to read (default: main)"));
    }

    @Override
    public List<String> urlForms() {
        return List.of("usage:memory:<account_id>[?dataset=<name>]");
    }

    @Override
    public String description() {
        return "in-memory daily usage, for tests";
    }

    @Override
    public InMemoryUsageSource open(UsageUrl url, SourceConfig config) {
        String account = url.path();
        String dataset = config.get("dataset").orElse("main");
        return new InMemoryUsageSource(ID, CAPABILITIES, account, config, window -> {
            List<UsageRecord> records = new ArrayList<>();
            for (var day = window.start(); day.isBefore(window.end()); day = day.plusDays(1)) {
                for (String metric : List.of("requests", "bandwidth")) {
                    var start = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
                    records.add(UsageRecord.builder()
                            .billingAccountId(account)
                            .billingAccountName("Memory account " + account)
                            .billingPeriodStart(day.withDayOfMonth(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant())
                            .billingPeriodEnd(day.withDayOfMonth(1).plusMonths(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant())
                            .chargePeriodStart(start)
                            .chargePeriodEnd(start.plus(1, ChronoUnit.DAYS))
                            .chargeCategory(ChargeCategory.USAGE)
                            .chargeFrequency(ChargeFrequency.USAGE_BASED)
                            .chargeDescription(metric + ", \"daily\"\nmemory")
                            .skuId(metric)
                            .consumedQuantity(new BigDecimal(day.getDayOfMonth() * 1000))
                            .consumedUnit(metric.equals("requests") ? "Requests" : "GB")
                            .pricingQuantity(new BigDecimal(day.getDayOfMonth()))
                            .pricingUnit(metric.equals("requests") ? "1000 Requests" : "GB")
                            .billedCost(new BigDecimal("0.000005").multiply(new BigDecimal(day.getDayOfMonth())))
                            .effectiveCost(new BigDecimal("1E+3"))
                            .listCost(new BigDecimal("1000.00"))
                            .contractedCost(new BigDecimal("1000"))
                            .billingCurrency("USD")
                            .serviceName("Memory CDN")
                            .serviceCategory(ServiceCategory.NETWORKING)
                            .serviceSubcategory("Content Delivery")
                            .serviceProviderName("Memory")
                            .hostProviderName("Memory")
                            .invoiceIssuerName("Memory")
                            .providerName("Memory")
                            .publisherName("Memory")
                            .putTags("env", "prod, \"eu\"")
                            .putExtensions("x_memory_dataset", dataset)
                            .putExtensions("x_memory_window", window.toString())
                            .build());
                }
            }
            return records;
        }, true);
    }

    /** Windows planned for the memory provider, for tests that check them. */
    public static List<Window> windowsOf(InMemoryUsageSource source) {
        return source.requestedWindows();
    }

    /** Filters a stream by metric the way the provider's API would. */
    static Stream<UsageRecord> byMetric(Stream<UsageRecord> records, java.util.Set<String> metrics) {
        return metrics.isEmpty() ? records : records.filter(r -> r.skuId().filter(metrics::contains).isPresent());
    }
}
