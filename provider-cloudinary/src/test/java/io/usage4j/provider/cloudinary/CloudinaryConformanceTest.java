package io.usage4j.provider.cloudinary;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.ServiceCategory;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.testkit.DocumentedTotal;
import io.usage4j.testkit.Scenario;
import io.usage4j.testkit.UsageSourceConformanceTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conformance suite over Cloudinary's documented examples (ProPAYG, AdvancedPAYG) and a
 * multi-plan year built from the schema. The expected records are written out here, field by field,
 * so the suite compares the plugin against this reading of the API rather than against itself.
 */
class CloudinaryConformanceTest extends UsageSourceConformanceTest {
    private static final String ACCOUNT = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    private static final String PATH = "/v1_1/provisioning/accounts/" + ACCOUNT + "/billing_usage";
    private static final List<String> PAYG_CATEGORIES = List.of("storage_image", "storage_video", "storage_raw",
            "transformations_image", "transformations_video", "bandwidth_image", "bandwidth_video", "bandwidth_raw");

    @Override
    protected UsageSourceProvider provider() {
        return new CloudinaryUsageSourceProvider();
    }

    @Override
    protected String url() {
        return "usage:cloudinary:" + ACCOUNT;
    }

    @Override
    protected Map<String, String> credentials() {
        return Map.of("api_key", "conformance-key-4242", "api_secret", "conformance-secret-9797");
    }

    @Override
    protected String authorizationHeader() {
        return "Authorization";
    }

    @Override
    protected String expectedAuthorization() {
        return "Basic " + Base64.getEncoder()
                .encodeToString("conformance-key-4242:conformance-secret-9797".getBytes(StandardCharsets.UTF_8));
    }

    /** September 2024, answered by the ProPAYG example: its cycle began on 2024-08-21, so 2023 is not needed. */
    @Override
    protected Scenario fetch() {
        return Scenario.builder()
                .query(UsageQuery.between(LocalDate.parse("2024-09-01"), LocalDate.parse("2024-10-01")))
                .stub(year(2024, fixture("cloudinary/ProPAYG.json")))
                .expect(proPayg())
                .faultPath(PATH)
                .build();
    }

    /** 2024-09-01 to 2025-03-01: one request per year; the 2025 answer has two plans and a cycle after the query. */
    @Override
    protected Optional<Scenario> multiRequestFetch() {
        List<UsageRecord> expected = new ArrayList<>(advancedPayg());
        expected.addAll(multiPlan2025());
        return Optional.of(Scenario.builder()
                .query(UsageQuery.between(LocalDate.parse("2024-09-01"), LocalDate.parse("2025-03-01")))
                .stub(year(2024, fixture("cloudinary/AdvancedPAYG.json")))
                .stub(year(2025, fixture("cloudinary/MultiPlan2025.json")))
                .expect(expected)
                .faultPath(PATH)
                .laterRequest(".*/billing_usage\\?year=2025")
                .build());
    }

    /**
     * Each cycle's {@code usage}, the total Cloudinary states for it: the cycle's records (account
     * categories, or environments plus remainders) add up to it exactly, never to twice it. Credits are
     * written to two decimals and add up exactly in Cloudinary's examples, so no rounding is allowed.
     */
    @Override
    protected List<DocumentedTotal> documentedTotals() {
        Scenario multi = multiRequestFetch().orElseThrow();
        return List.of(cycle("ProPAYG.json", fetch(), "2024-08-21", "25641.55"),
                cycle("AdvancedPAYG.json", multi, "2024-08-26", "1830.25"),
                cycle("MultiPlan2025.json, Advanced PAYG", multi, "2025-01-26", "412.37"),
                cycle("MultiPlan2025.json, Advanced Extra PAYG +", multi, "2025-02-26", "96.40"));
    }

    private static DocumentedTotal cycle(String fixture, Scenario scenario, String from, String usage) {
        java.time.Instant start = LocalDate.parse(from).atStartOfDay(ZoneOffset.UTC).toInstant();
        return DocumentedTotal.of(fixture + ": usage of the cycle from " + from, scenario, new BigDecimal(usage))
                .rows(record -> record.chargePeriodStart().equals(start));
    }

    private static MappingBuilder year(int year, String body) {
        return get(urlPathEqualTo(PATH))
                .withQueryParam("year", equalTo(String.valueOf(year)))
                .withQueryParam("include_prodenv_breakdown", absent())
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body));
    }

    // --- the expected records, written out --------------------------------------------------------

    /**
     * Per category, the product environment's share, then what it does not account for: the account's
     * value (7971.55 storage_image) minus the environment's (0.04), so the rows add up to the cycle's usage.
     */
    private static List<UsageRecord> proPayg() {
        Cycle cycle = new Cycle("Pro PAYG", "2750", "2024-08-21", "2024-09-21", "25641.55");
        return cycle.breakdown("myproduct", PAYG_CATEGORIES,
                new String[] {"7971.55", "1575.58", "0", "9603.73", "2290.76", "2972.57", "1227.22", "0.14"},
                new String[] {"0.04", "0.09", "0", "0", "0", "0", "0", "0"},
                new String[] {"7971.51", "1575.49", "0", "9603.73", "2290.76", "2972.57", "1227.22", "0.14"});
    }

    /** The one product environment accounts for all of the account's usage: every remainder is zero. */
    private static List<UsageRecord> advancedPayg() {
        Cycle cycle = new Cycle("Advanced PAYG", "600", "2024-08-26", "2024-09-19", "1830.25");
        String[] values = {"1.98", "0.43", "0.01", "0.4", "0", "1827.43", "0", "0"};
        return cycle.breakdown("myproduct", PAYG_CATEGORIES, values, values,
                new String[] {"0.00", "0.00", "0.00", "0.0", "0", "0.00", "0", "0"});
    }

    private static List<UsageRecord> multiPlan2025() {
        List<UsageRecord> records = new ArrayList<>(new Cycle("Advanced PAYG", "600", "2025-01-26", "2025-02-26", "412.37")
                .account(PAYG_CATEGORIES, "1.12", "0.20", "0.05", "10.5", "0", "400.5", "0", "0"));
        records.addAll(new Cycle("Advanced Extra PAYG +", "1350", "2025-02-26", "2025-03-26", "96.40")
                .account(List.of("storage_image", "storage_video", "storage_raw", "transformations_image",
                                "transformations_video", "image_impressions", "video_seconds"),
                        "20.15", "3.05", "0.00", "50.00", "1.20", "12.00", "10.00"));
        // the plan's cycle from 2025-03-26 lies after the query and is trimmed
        return records;
    }

    /** One cycle's expected records: FOCUS columns as the README's table says, quantities in credits. */
    private record Cycle(String plan, String limit, String from, String toExclusive, String usage) {

        List<UsageRecord> account(List<String> categories, String... quantities) {
            List<UsageRecord> records = new ArrayList<>();
            for (int i = 0; i < quantities.length; i++) {
                records.add(record(null, "account", categories.get(i), quantities[i], null));
            }
            return records;
        }

        /** Per category: the environment's record, then the remainder's (with the account's value). */
        List<UsageRecord> breakdown(String cloudName, List<String> categories, String[] account, String[] environment,
                String[] remainder) {
            List<UsageRecord> records = new ArrayList<>();
            for (int i = 0; i < categories.size(); i++) {
                records.add(record(cloudName, "product_environment", categories.get(i), environment[i], null));
                records.add(record(null, "account_remainder", categories.get(i), remainder[i], account[i]));
            }
            return records;
        }

        private UsageRecord record(String cloudName, String level, String category, String quantity, String accountUsage) {
            Map<String, String> extensions = new LinkedHashMap<>();
            extensions.put("x_plan_name", plan);
            extensions.put("x_metric_limit", limit);
            extensions.put("x_cycle_usage", usage);
            extensions.put("x_breakdown_level", level);
            if (accountUsage != null) {
                extensions.put("x_account_usage", accountUsage);
            }
            String description = category + " (credit), plan " + plan
                    + (cloudName == null ? "" : ", product environment " + cloudName)
                    + (accountUsage == null ? "" : ", not attributed to a product environment");
            return UsageRecord.builder()
                    .billingAccountId(ACCOUNT)
                    .subAccountId(cloudName)
                    .subAccountName(cloudName)
                    .chargePeriodStart(LocalDate.parse(from).atStartOfDay(ZoneOffset.UTC).toInstant())
                    .chargePeriodEnd(LocalDate.parse(toExclusive).atStartOfDay(ZoneOffset.UTC).toInstant())
                    .chargeCategory(ChargeCategory.USAGE)
                    .chargeFrequency(ChargeFrequency.USAGE_BASED)
                    .chargeDescription(description)
                    .consumedQuantity(new BigDecimal(quantity))
                    .consumedUnit("credit")
                    .serviceName("Cloudinary")
                    .serviceCategory(ServiceCategory.MEDIA)
                    .serviceProviderName("Cloudinary")
                    .hostProviderName("Cloudinary")
                    .providerName("Cloudinary")
                    .publisherName("Cloudinary")
                    .skuMeter(category)
                    .putAllExtensions(extensions)
                    .build();
        }
    }
}
