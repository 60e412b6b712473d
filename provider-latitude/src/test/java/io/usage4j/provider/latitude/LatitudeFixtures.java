package io.usage4j.provider.latitude;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.ImmutableUsageRecord;
import io.usage4j.core.PricingCategory;
import io.usage4j.core.ServiceCategory;
import io.usage4j.core.UsageRecord;
import io.usage4j.provider.latitude.internal.BillingUsageDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The test fixtures (copies in {@code src/test/resources/latitude}) and the records they must map to,
 * written out by hand from Latitude's documentation rather than computed by the code under test.
 *
 * <ul>
 *   <li>{@code documented-example.json}: Latitude's documented "Success" example, verbatim (no products);
 *   <li>{@code several-products.json}: the same project and period, with three product lines built from
 *       the documented schema: a metered server (newer {@code servers[]} metadata, {@code end} null), an
 *       object-storage line in GB with a 100% discount (newer {@code bucket} metadata), and a licensed
 *       server that ended inside the period, with an amount discount (older flat metadata);
 *   <li>{@code price-mismatch.json}: one line whose price does not add up to the period total;
 *   <li>{@code rate-limited.json}: Latitude's documented 429 body, verbatim;
 *   <li>{@code not-found.json}: an error body built from the documented JSON:API ErrorObject schema.
 * </ul>
 */
public final class LatitudeFixtures {
    public static final String PROJECT = "proj_r0MK4O4kDa95w";
    public static final Instant PERIOD_START = Instant.parse("2025-12-24T15:56:32Z");
    public static final Instant PERIOD_END = Instant.parse("2026-01-24T15:56:32Z");

    /** The Jackson settings of the kit's decoder: tolerant of unknown fields, decimals from the JSON text. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private LatitudeFixtures() {}

    /** The text of {@code latitude/<name>} on the test class path. */
    public static String read(String name) {
        try (InputStream in = LatitudeFixtures.class.getResourceAsStream("/latitude/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture latitude/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code json} decoded as the kit decodes a response. */
    public static BillingUsageDocument decode(String json) {
        try {
            return MAPPER.readValue(json, BillingUsageDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture {@code name} decoded. */
    public static BillingUsageDocument document(String name) {
        return decode(read(name));
    }

    /** The records {@code several-products.json} maps to, in order. */
    public static List<UsageRecord> severalProductsRecords() {
        UsageRecord server = base()
                .chargePeriodStart(PERIOD_START)
                .chargePeriodEnd(PERIOD_END)
                .chargeFrequency(ChargeFrequency.USAGE_BASED)
                .chargeDescription("c2.small.x86 - SAO2")
                .consumedQuantity(new BigDecimal("768")).consumedUnit("Hours")
                .pricingQuantity(new BigDecimal("768")).pricingUnit("Hours")
                .billedCost(new BigDecimal("307.20"))
                .effectiveCost(new BigDecimal("307.20"))
                .listCost(new BigDecimal("307.20"))
                .contractedCost(new BigDecimal("307.20"))
                .listUnitPrice(new BigDecimal("0.40"))
                .contractedUnitPrice(new BigDecimal("0.40"))
                .serviceName("server").serviceCategory(ServiceCategory.COMPUTE)
                .resourceId("si_aslft06m").resourceName("web-01").resourceType("server")
                .skuId("c2.small.x86").skuMeter("server")
                .putTags("prod", "true")
                .putExtensions("x_project_slug", "fantastic-iron-clock")
                .putExtensions("x_available_credit_balance", "1.23")
                .putExtensions("x_threshold", "100.00")
                .putExtensions("x_period_price", "430.65")
                .putExtensions("x_period_amount", "430.65")
                .putExtensions("x_usage_type", "metered")
                .putExtensions("x_proration", "true")
                .putExtensions("x_discountable", "true")
                .putExtensions("x_discounts", "[]")
                .putExtensions("x_unit_amount", "0.40")
                .putExtensions("x_amount", "307.20")
                .putExtensions("x_product_start", "2025-12-24T15:56:32+00:00")
                .putExtensions("x_server_id", "sv_81EVOtR1N4J2Z")
                .putExtensions("x_hostname", "web-01")
                .putExtensions("x_plan", "c2.small.x86")
                .build();
        UsageRecord storage = base()
                .chargePeriodStart(PERIOD_START)
                .chargePeriodEnd(PERIOD_END)
                .chargeFrequency(ChargeFrequency.USAGE_BASED)
                .chargeDescription("Object storage (GB-month)")
                .consumedQuantity(new BigDecimal("100")).consumedUnit("GB")
                .pricingQuantity(new BigDecimal("100")).pricingUnit("GB")
                .billedCost(new BigDecimal("0.00"))
                .effectiveCost(new BigDecimal("0.00"))
                .listCost(new BigDecimal("1.50"))
                .contractedCost(new BigDecimal("1.50"))
                .listUnitPrice(new BigDecimal("0.015"))
                .contractedUnitPrice(new BigDecimal("0.015"))
                .serviceName("storage").serviceCategory(ServiceCategory.STORAGE)
                .regionId("SAO")
                .resourceId("si_on0fybnq").resourceName("backups").resourceType("storage")
                .skuId("Object storage").skuMeter("storage")
                .putExtensions("x_project_slug", "fantastic-iron-clock")
                .putExtensions("x_available_credit_balance", "1.23")
                .putExtensions("x_threshold", "100.00")
                .putExtensions("x_period_price", "430.65")
                .putExtensions("x_period_amount", "430.65")
                .putExtensions("x_usage_type", "metered")
                .putExtensions("x_proration", "false")
                .putExtensions("x_discountable", "true")
                .putExtensions("x_discounts", "[{\"description\":\"Launch promo\",\"type\":\"percent\",\"value\":100}]")
                .putExtensions("x_unit_amount", "0.015")
                .putExtensions("x_amount", "0.00")
                .putExtensions("x_product_start", "2025-12-24T15:56:32+00:00")
                .putExtensions("x_bucket_id", "bkt_x1")
                .putExtensions("x_bucket_name", "backups")
                .build();
        UsageRecord licensed = base()
                .chargePeriodStart(PERIOD_START)
                .chargePeriodEnd(Instant.parse("2026-01-10T12:00:00Z"))
                .chargeFrequency(ChargeFrequency.RECURRING)
                .chargeDescription("m4.metal.large - MIA2 (monthly)")
                .consumedQuantity(new BigDecimal("1")).consumedUnit("Units")
                .pricingQuantity(new BigDecimal("1")).pricingUnit("Units")
                .billedCost(new BigDecimal("123.45"))
                .effectiveCost(new BigDecimal("123.45"))
                .listCost(new BigDecimal("137.17"))
                .contractedCost(new BigDecimal("137.17"))
                .listUnitPrice(new BigDecimal("137.17"))
                .contractedUnitPrice(new BigDecimal("137.17"))
                .serviceName("server").serviceCategory(ServiceCategory.COMPUTE)
                .resourceId("si_k3xq7r2d").resourceName("db-01").resourceType("server")
                .skuId("m4.metal.large").skuMeter("server")
                .putTags("database", "true")
                .putTags("backup", "true")
                .putExtensions("x_project_slug", "fantastic-iron-clock")
                .putExtensions("x_available_credit_balance", "1.23")
                .putExtensions("x_threshold", "100.00")
                .putExtensions("x_period_price", "430.65")
                .putExtensions("x_period_amount", "430.65")
                .putExtensions("x_usage_type", "licensed")
                .putExtensions("x_proration", "true")
                .putExtensions("x_discountable", "true")
                .putExtensions("x_discounts",
                        "[{\"description\":\"Monthly Discount - Accelerate\",\"type\":\"amount\",\"value\":1372}]")
                .putExtensions("x_product_start", "2025-12-24T15:56:32+00:00")
                .putExtensions("x_product_end", "2026-01-10T12:00:00+00:00")
                .putExtensions("x_server_id", "sv_Gr47qlMADAg0m")
                .putExtensions("x_hostname", "db-01")
                .putExtensions("x_plan", "m4.metal.large")
                .build();
        return List.of(server, storage, licensed);
    }

    /** The columns every record of the fixtures' project shares. */
    private static ImmutableUsageRecord.Builder base() {
        return UsageRecord.builder()
                .billingAccountId(PROJECT)
                .billingAccountName("Fantastic Iron Clock")
                .subAccountId(PROJECT)
                .subAccountName("Fantastic Iron Clock")
                .billingPeriodStart(PERIOD_START)
                .billingPeriodEnd(PERIOD_END)
                .chargeCategory(ChargeCategory.USAGE)
                .pricingCategory(PricingCategory.STANDARD)
                .billingCurrency("USD")
                .serviceProviderName("Latitude.sh")
                .hostProviderName("Latitude.sh")
                .invoiceIssuerName("Latitude.sh")
                .providerName("Latitude.sh")
                .publisherName("Latitude.sh");
    }
}
