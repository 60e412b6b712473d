package io.usage4j.spi.testproviders;

import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.Granularity;
import io.usage4j.core.ServiceCategory;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.WindowUnit;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.SourceConfig;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.spi.UsageUrl;
import java.math.BigDecimal;
import java.util.List;

/**
 * A second in-memory provider for tests, "flat": one monthly record per calendar month, no filter
 * pushed down. Needs a secret api_key and a required, non-secret region.
 */
public final class FlatUsageSourceProvider implements UsageSourceProvider {
    public static final String ID = "flat";
    static final SourceCapabilities CAPABILITIES = SourceCapabilities.builder()
            .granularity(Granularity.MONTH)
            .windowUnit(WindowUnit.CALENDAR_MONTHS)
            .windowSize(1)
            .addExtensionColumns("x_flat_region")
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
                ProviderProperty.secret("api_key", "API key", "FLAT_API_KEY"),
                ProviderProperty.required("region", "the account's region", "FLAT_REGION"),
                ProviderProperty.optional("timeout", "how long to wait, e.g. 30s"));
    }

    @Override
    public List<String> urlForms() {
        return List.of("usage:flat:[?region=<region>]");
    }

    @Override
    public InMemoryUsageSource open(UsageUrl url, SourceConfig config) {
        String region = config.require("region");
        config.durationValue("timeout", java.time.Duration.ofSeconds(30));
        return new InMemoryUsageSource(ID, CAPABILITIES, "flat-account", config, window -> List.of(UsageRecord.builder()
                .billingAccountId("flat-account")
                .billingAccountName("Flat")
                .subAccountId(region)
                .billingPeriodStart(window.startInstant())
                .billingPeriodEnd(window.endInstant())
                .chargePeriodStart(window.startInstant())
                .chargePeriodEnd(window.endInstant())
                .chargeCategory(ChargeCategory.PURCHASE)
                .chargeFrequency(ChargeFrequency.RECURRING)
                .chargeDescription("Flat plan, " + window.firstMonth())
                .billedCost(new BigDecimal("20.00"))
                .effectiveCost(new BigDecimal("20.00"))
                .listCost(new BigDecimal("20.00"))
                .contractedCost(new BigDecimal("20.00"))
                .billingCurrency("EUR")
                .serviceName("Flat Hosting")
                .serviceCategory(ServiceCategory.WEB)
                .serviceSubcategory("Application Platforms")
                .serviceProviderName("Flat")
                .hostProviderName("Flat")
                .invoiceIssuerName("Flat")
                .providerName("Flat")
                .publisherName("Flat")
                .putExtensions("x_flat_region", region)
                .build()), false);
    }
}
