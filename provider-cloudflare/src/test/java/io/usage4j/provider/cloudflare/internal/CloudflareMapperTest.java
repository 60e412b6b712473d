package io.usage4j.provider.cloudflare.internal;

import static io.usage4j.provider.cloudflare.internal.Fixtures.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeClass;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.focus.FocusValidator;
import io.usage4j.core.focus.FocusViolation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CloudflareMapperTest {

    private static String plain(Optional<BigDecimal> value) {
        return value.map(BigDecimal::toPlainString).orElse(null);
    }

    private static UsageRecord onlyBillable(String fixture) {
        CloudflareEnvelope<BillableUsageItem> envelope = Fixtures.billable(fixture);
        assertThat(envelope.result()).hasSize(1);
        return CloudflareMapper.fromBillable(envelope.result().get(0), ACCOUNT);
    }

    private static UsageRecord onlyPaygo(String fixture) {
        CloudflareEnvelope<PaygoUsageItem> envelope = Fixtures.paygo(fixture);
        assertThat(envelope.result()).hasSize(1);
        return CloudflareMapper.fromPaygo(envelope.result().get(0), ACCOUNT);
    }

    private static BillableUsageItem billableItem(String json) {
        return Fixtures.decode(json, new TypeReference<BillableUsageItem>() {});
    }

    private static PaygoUsageItem paygoItem(String json) {
        return Fixtures.decode(json, new TypeReference<PaygoUsageItem>() {});
    }

    @Nested
    @DisplayName("billable usage v2")
    class Billable {

        @Test
        @DisplayName("the documented example maps every FOCUS-named field to its column, one to one")
        void documentedExample() {
            UsageRecord r = onlyBillable("billable-usage-documented.json");

            assertThat(r.billingAccountId()).isEqualTo("023e105f4ecef8ad9ca31a8372d0c353");
            assertThat(r.billingAccountName()).contains("My Account");
            assertThat(r.chargeCategory()).isEqualTo(ChargeCategory.USAGE);
            assertThat(r.chargeDescription()).contains("Workers Standard Requests — daily usage");
            assertThat(r.chargeFrequency()).contains(ChargeFrequency.USAGE_BASED);
            assertThat(r.chargePeriodStart()).isEqualTo(Instant.parse("2025-05-01T00:00:00Z"));
            assertThat(r.chargePeriodEnd()).isEqualTo(Instant.parse("2025-05-02T00:00:00Z"));
            assertThat(plain(r.consumedQuantity())).isEqualTo("150000");
            assertThat(r.consumedUnit()).contains("Requests");
            assertThat(r.hostProviderName()).contains("Cloudflare");
            assertThat(r.invoiceIssuerName()).contains("Cloudflare");
            assertThat(r.serviceProviderName()).contains("Cloudflare");
            assertThat(plain(r.billedCost())).isEqualTo("0");
            assertThat(r.billingCurrency()).contains("USD");
            assertThat(r.billingPeriodStart()).contains(Instant.parse("2025-05-01T00:00:00Z"));
            assertThat(r.billingPeriodEnd()).contains(Instant.parse("2025-06-01T00:00:00Z"));
            assertThat(r.chargeClass()).contains(ChargeClass.CORRECTION);
            assertThat(plain(r.contractedCost())).isEqualTo("0.75");
            assertThat(plain(r.contractedUnitPrice())).isEqualTo("0.000005");
            assertThat(plain(r.effectiveCost())).isEqualTo("0");
            assertThat(plain(r.listCost())).isEqualTo("0.75");
            assertThat(plain(r.listUnitPrice())).isEqualTo("0.000005");
            assertThat(plain(r.pricingQuantity())).isEqualTo("150000");
            assertThat(r.pricingUnit()).contains("Requests");
            assertThat(r.regionId()).contains("EEUR");
            assertThat(r.regionName()).contains("Eastern Europe");
            assertThat(r.subAccountId()).contains("c9bd752d-9ca8-411d-b804-be44a758057f");
            assertThat(r.subAccountName()).contains("My Subscription");
        }

        @Test
        @DisplayName("the x_ extensions keep their own names, in column order, and fill SkuId, SkuMeter and ServiceName")
        void extensions() {
            UsageRecord r = onlyBillable("billable-usage-documented.json");

            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("x_BillableMetricId", "workers_standard_requests");
            expected.put("x_BillableMetricName", "Workers Standard Requests");
            expected.put("x_ProductFamilyName", "Workers");
            expected.put("x_ZoneId", "023e105f4ecef8ad9ca31a8372d0c353");
            expected.put("x_ZoneName", "example.com");
            assertThat(r.extensions()).containsExactlyEntriesOf(expected);
            assertThat(r.skuId()).contains("workers_standard_requests");
            assertThat(r.skuMeter()).contains("Workers Standard Requests");
            assertThat(r.serviceName()).contains("Workers");
            assertThat(CloudflareMapper.BILLABLE_EXTENSIONS).containsSubsequence(List.copyOf(r.extensions().keySet()));
        }

        @Test
        @DisplayName("the latest documented example adds Tags, x_ProductCategoryName and x_ProductFamilyId; no ServiceCategory is forced")
        void latestExample() {
            UsageRecord r = onlyBillable("billable-usage-latest.json");

            assertThat(r.tags()).containsExactlyEntriesOf(Map.of("team", "fintech"));
            assertThat(List.copyOf(r.extensions().keySet())).containsExactlyElementsOf(
                    CloudflareMapper.BILLABLE_EXTENSIONS.subList(0, CloudflareMapper.BILLABLE_EXTENSIONS.size() - 1));
            assertThat(r.extension("x_ProductCategoryName")).contains("Developer");
            assertThat(r.extension("x_ProductFamilyId")).contains("workers");
            assertThat(r.serviceCategory()).isEmpty();
        }

        @Test
        @DisplayName("the documented example is valid FOCUS: no error, at most incomplete columns")
        void documentedExampleIsValidFocus() {
            List<FocusViolation> errors = FocusValidator.validate(onlyBillable("billable-usage-latest.json")).stream()
                    .filter(v -> v.severity() == FocusViolation.Severity.ERROR).toList();
            assertThat(errors).isEmpty();
        }

        @Test
        @DisplayName("cost and pricing fields Cloudflare does not send stay absent, never zero")
        void absentCostsStayAbsent() {
            UsageRecord r = CloudflareMapper.fromBillable(
                    Fixtures.billable("billable-usage-window-1.json").result().get(1), ACCOUNT);

            assertThat(r.billedCost()).isEmpty();
            assertThat(r.effectiveCost()).isEmpty();
            assertThat(r.listCost()).isEmpty();
            assertThat(r.contractedCost()).isEmpty();
            assertThat(r.listUnitPrice()).isEmpty();
            assertThat(r.contractedUnitPrice()).isEmpty();
            assertThat(r.pricingQuantity()).isEmpty();
            assertThat(r.pricingUnit()).isEmpty();
            assertThat(r.billingCurrency()).isEmpty();
            assertThat(r.billingPeriodStart()).isEmpty();
            assertThat(r.chargeClass()).isEmpty();
            assertThat(r.regionId()).isEmpty();
            assertThat(r.subAccountId()).isEmpty();
            assertThat(r.tags()).isEmpty();
            assertThat(r.extensions()).doesNotContainKeys("x_ZoneId", "x_ZoneName");
            assertThat(r.consumedQuantity()).contains(new BigDecimal("12.500000001"));
        }

        @Test
        @DisplayName("unknown fields are ignored and names match exactly as documented (case matters)")
        void unknownFieldsAndExactNames() {
            UsageRecord r = onlyBillable("billable-usage-future-fields.json");

            assertThat(r.billingAccountId()).isEqualTo("023e105f4ecef8ad9ca31a8372d0c353");
            assertThat(r.billingAccountName()).isEmpty();
            assertThat(plain(r.billedCost())).isEqualTo("0");
            assertThat(r.extensions()).containsOnlyKeys("x_BillableMetricId", "x_BillableMetricName", "x_ProductFamilyName");
        }

        @Test
        @DisplayName("a record without BillingAccountId is billed to the account that was asked")
        void accountFallback() {
            UsageRecord r = CloudflareMapper.fromBillable(billableItem("""
                    {"ChargePeriodStart":"2025-05-01T00:00:00Z","ChargePeriodEnd":"2025-05-02T00:00:00Z",
                     "ConsumedQuantity":1,"ConsumedUnit":"Requests"}"""), "0123456789abcdef0123456789abcdef");

            assertThat(r.billingAccountId()).isEqualTo("0123456789abcdef0123456789abcdef");
            assertThat(r.extension("x_BillingAccountOmitted")).hasValue("true");
            assertThat(r.chargeCategory()).isEqualTo(ChargeCategory.USAGE);
            assertThat(r.chargeFrequency()).isEmpty();
        }

        @Test
        @DisplayName("dates with an offset, without one, or bare are read as instants (UTC when no offset)")
        void dateForms() {
            UsageRecord r = CloudflareMapper.fromBillable(billableItem("""
                    {"ChargePeriodStart":"2025-05-01T02:00:00+02:00","ChargePeriodEnd":"2025-05-02",
                     "BillingPeriodStart":"2025-05-01T00:00:00","BillingPeriodEnd":"2025-06-01T00:00:00.000Z"}"""),
                    ACCOUNT);

            assertThat(r.chargePeriodStart()).isEqualTo(Instant.parse("2025-05-01T00:00:00Z"));
            assertThat(r.chargePeriodEnd()).isEqualTo(Instant.parse("2025-05-02T00:00:00Z"));
            assertThat(r.billingPeriodStart()).contains(Instant.parse("2025-05-01T00:00:00Z"));
            assertThat(r.billingPeriodEnd()).contains(Instant.parse("2025-06-01T00:00:00Z"));
        }

        @Test
        @DisplayName("a record without a charge period is unreadable")
        void missingChargePeriod() {
            BillableUsageItem item = billableItem("""
                    {"ChargePeriodEnd":"2025-05-02T00:00:00Z","ConsumedQuantity":1,"ConsumedUnit":"Requests"}""");
            assertThatThrownBy(() -> CloudflareMapper.fromBillable(item, ACCOUNT))
                    .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("ChargePeriodStart");
        }

        @Test
        @DisplayName("a date that is not ISO 8601 is unreadable, naming the field")
        void badDate() {
            BillableUsageItem item = billableItem("""
                    {"ChargePeriodStart":"May 1st","ChargePeriodEnd":"2025-05-02T00:00:00Z"}""");
            assertThatThrownBy(() -> CloudflareMapper.fromBillable(item, ACCOUNT))
                    .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("ChargePeriodStart 'May 1st'");
        }

        @Test
        @DisplayName("a charge period that ends before it starts is unreadable")
        void reversedPeriod() {
            BillableUsageItem item = billableItem("""
                    {"ChargePeriodStart":"2025-05-02T00:00:00Z","ChargePeriodEnd":"2025-05-01T00:00:00Z"}""");
            assertThatThrownBy(() -> CloudflareMapper.fromBillable(item, ACCOUNT))
                    .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("FOCUS rule");
        }

        @Test
        @DisplayName("values FOCUS does not define are unreadable, not guessed")
        void unknownEnumValues() {
            assertThatThrownBy(() -> CloudflareMapper.fromBillable(billableItem("""
                    {"ChargePeriodStart":"2025-05-01T00:00:00Z","ChargePeriodEnd":"2025-05-02T00:00:00Z",
                     "ChargeCategory":"Subscription"}"""), ACCOUNT))
                    .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("ChargeCategory 'Subscription'");
            assertThatThrownBy(() -> CloudflareMapper.fromBillable(billableItem("""
                    {"ChargePeriodStart":"2025-05-01T00:00:00Z","ChargePeriodEnd":"2025-05-02T00:00:00Z",
                     "ChargeFrequency":"Daily"}"""), ACCOUNT))
                    .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("ChargeFrequency 'Daily'");
            assertThatThrownBy(() -> CloudflareMapper.fromBillable(billableItem("""
                    {"ChargePeriodStart":"2025-05-01T00:00:00Z","ChargePeriodEnd":"2025-05-02T00:00:00Z",
                     "ChargeClass":"Refund"}"""), ACCOUNT))
                    .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("ChargeClass 'Refund'");
        }

        @Test
        @DisplayName("a billing period with only one end, or a currency that is not ISO 4217, is unreadable")
        void inconsistentValues() {
            assertThatThrownBy(() -> CloudflareMapper.fromBillable(billableItem("""
                    {"ChargePeriodStart":"2025-05-01T00:00:00Z","ChargePeriodEnd":"2025-05-02T00:00:00Z",
                     "BillingPeriodStart":"2025-05-01T00:00:00Z"}"""), ACCOUNT))
                    .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("BillingPeriodEnd");
            assertThatThrownBy(() -> CloudflareMapper.fromBillable(billableItem("""
                    {"ChargePeriodStart":"2025-05-01T00:00:00Z","ChargePeriodEnd":"2025-05-02T00:00:00Z",
                     "BillingCurrency":"dollars"}"""), ACCOUNT))
                    .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("dollars");
        }

        @Test
        @DisplayName("key-only tags (true) are kept as key-only tags; a tag value neither text nor true is unreadable")
        void tagValues() {
            UsageRecord r = CloudflareMapper.fromBillable(billableItem("""
                    {"ChargePeriodStart":"2025-05-01T00:00:00Z","ChargePeriodEnd":"2025-05-02T00:00:00Z",
                     "Tags":{"team":"fintech","prod":true,"cost-center":"1.50"}}"""), ACCOUNT);

            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("team", "fintech");
            expected.put("cost-center", "1.50");
            assertThat(r.tags()).containsExactlyEntriesOf(expected);
            assertThat(r.keyOnlyTags()).containsExactly("prod");
            assertThatThrownBy(() -> CloudflareMapper.fromBillable(billableItem("""
                    {"ChargePeriodStart":"2025-05-01T00:00:00Z","ChargePeriodEnd":"2025-05-02T00:00:00Z",
                     "Tags":{"cost-center":1.50}}"""), ACCOUNT))
                    .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("cost-center")
                    .hasMessageContaining("neither a string nor true");
        }
    }

    @Nested
    @DisplayName("PayGo")
    class Paygo {

        @Test
        @DisplayName("the documented example: ServiceName, ContractedCost, PricingQuantity and the cumulated fields are x_ columns")
        void documentedExample() {
            UsageRecord r = onlyPaygo("paygo-usage-documented.json");

            assertThat(r.billingAccountId()).isEqualTo(ACCOUNT);
            assertThat(r.billingCurrency()).contains("USD");
            assertThat(r.chargePeriodStart()).isEqualTo(Instant.parse("2025-02-01T00:00:00Z"));
            assertThat(r.chargePeriodEnd()).isEqualTo(Instant.parse("2025-02-02T00:00:00Z"));
            assertThat(plain(r.consumedQuantity())).isEqualTo("150000");
            assertThat(r.consumedUnit()).contains("Requests");
            assertThat(r.chargeCategory()).isEqualTo(ChargeCategory.USAGE);
            assertThat(r.chargeFrequency()).contains(ChargeFrequency.USAGE_BASED);
            assertThat(r.skuMeter()).contains("Workers Standard");
            assertThat(r.serviceName()).isEmpty();
            assertThat(r.billingPeriodStart()).isEmpty();
            assertThat(r.billingPeriodEnd()).isEmpty();
            assertThat(r.contractedCost()).isEmpty();
            assertThat(r.billedCost()).isEmpty();
            assertThat(r.pricingQuantity()).isEmpty();

            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("x_ServiceName", "Workers Standard");
            expected.put("x_ContractedCost", "0.75");
            expected.put("x_CumulatedContractedCost", "2.25");
            expected.put("x_PricingQuantity", "150000");
            expected.put("x_CumulatedPricingQuantity", "4500000");
            expected.put("x_BillingPeriodStart", "2025-02-01T00:00:00Z");
            assertThat(r.extensions()).containsExactlyEntriesOf(expected);
            assertThat(CloudflareMapper.PAYGO_EXTENSIONS).containsSubsequence(List.copyOf(r.extensions().keySet()));
        }

        @Test
        @DisplayName("the /paygo-usage example adds ServiceFamilyName (ServiceName), SubscriptionId (SubAccountId) and the zone")
        void paygoUsageExample() {
            UsageRecord r = onlyPaygo("paygo-usage-v1alpha.json");

            assertThat(r.serviceName()).contains("Workers");
            assertThat(r.subAccountId()).contains("3F3CD4CQ6N7FXO7IK6NVFJBOYA");
            assertThat(r.consumedUnit()).contains("GB-months");
            assertThat(r.extension("x_ServiceFamilyName")).contains("Workers");
            assertThat(r.extension("x_SubscriptionId")).contains("3F3CD4CQ6N7FXO7IK6NVFJBOYA");
            assertThat(r.extension("x_ZoneId")).contains("023e105f4ecef8ad9ca31a8372d0c353");
            assertThat(r.extension("x_ZoneName")).contains("example.com");
        }

        @Test
        @DisplayName("the v1 /billable-usage superset: its FOCUS-named fields fill their columns; the placeholder ChargeClass is no correction")
        void v1Superset() {
            UsageRecord r = onlyPaygo("billable-usage-v1.json");

            assertThat(r.billingAccountId()).isEqualTo("023e105f4ecef8ad9ca31a8372d0c353");
            assertThat(r.billingAccountName()).contains("Example Account");
            assertThat(plain(r.billedCost())).isEqualTo("0.75");
            assertThat(plain(r.effectiveCost())).isEqualTo("0.75");
            assertThat(plain(r.listCost())).isEqualTo("0.75");
            assertThat(r.contractedCost()).isEmpty();
            assertThat(r.chargeCategory()).isEqualTo(ChargeCategory.USAGE);
            assertThat(r.chargeClass()).isEmpty();
            assertThat(r.chargeDescription()).contains("Workers Standard usage measured in Count");
            assertThat(r.hostProviderName()).contains("Cloudflare, Inc.");
            assertThat(r.invoiceIssuerName()).contains("Cloudflare, Inc.");
            assertThat(r.serviceProviderName()).contains("Cloudflare, Inc.");
            assertThat(r.extension("x_PricingUnit")).contains("Count");
            assertThat(r.extension("x_ContractedCost")).contains("0.75");
            assertThat(List.copyOf(r.extensions().keySet())).containsExactlyElementsOf(CloudflareMapper.PAYGO_EXTENSIONS);
        }

        @Test
        @DisplayName("an empty ConsumedUnit (\"implicit in the service name\") stays absent; a Correction is read")
        void emptyUnitAndCorrection() {
            UsageRecord r = CloudflareMapper.fromPaygo(paygoItem("""
                    {"ChargePeriodStart":"2025-02-01T00:00:00Z","ChargePeriodEnd":"2025-02-02T00:00:00Z",
                     "ConsumedQuantity":3.0,"ConsumedUnit":"","ServiceName":"Workers Paid","ChargeClass":"Correction"}"""),
                    ACCOUNT);

            assertThat(r.consumedUnit()).isEmpty();
            assertThat(plain(r.consumedQuantity())).isEqualTo("3.0");
            assertThat(r.chargeClass()).contains(ChargeClass.CORRECTION);
        }

        @Test
        @DisplayName("a BillingPeriodEnd, when Cloudflare adds it, fills the FOCUS billing period")
        void billingPeriodEnd() {
            UsageRecord r = CloudflareMapper.fromPaygo(paygoItem("""
                    {"ChargePeriodStart":"2025-02-01T00:00:00Z","ChargePeriodEnd":"2025-02-02T00:00:00Z",
                     "BillingPeriodStart":"2025-02-01T00:00:00Z","BillingPeriodEnd":"2025-03-01T00:00:00Z"}"""), ACCOUNT);

            assertThat(r.billingPeriodStart()).contains(Instant.parse("2025-02-01T00:00:00Z"));
            assertThat(r.billingPeriodEnd()).contains(Instant.parse("2025-03-01T00:00:00Z"));
        }

        @Test
        @DisplayName("a PayGo record without a charge period is unreadable")
        void missingChargePeriod() {
            PaygoUsageItem item = paygoItem("""
                    {"ChargePeriodStart":"2025-02-01T00:00:00Z","ServiceName":"Workers Standard"}""");
            assertThatThrownBy(() -> CloudflareMapper.fromPaygo(item, ACCOUNT))
                    .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("ChargePeriodEnd");
        }
    }

    @Nested
    @DisplayName("envelope")
    class Envelope {

        @Test
        @DisplayName("the documented examples' placeholder errors sit next to success:true; only success decides")
        void placeholderErrors() {
            CloudflareEnvelope<BillableUsageItem> envelope = Fixtures.billable("billable-usage-documented.json");
            assertThat(envelope.succeeded()).isTrue();
            assertThat(envelope.errorList()).extracting(CloudflareMessage::message).containsExactly("message");
        }

        @Test
        @DisplayName("success:false, or no success at all, is not a success")
        void failure() {
            assertThat(Fixtures.billable("envelope-failure.json").succeeded()).isFalse();
            assertThat(Fixtures.billable("envelope-failure.json").errorList())
                    .containsExactly(new CloudflareMessage("1171", "insufficient_permissions"));
            CloudflareEnvelope<BillableUsageItem> bare = Fixtures.decode("{\"result\":[]}",
                    new TypeReference<CloudflareEnvelope<BillableUsageItem>>() {});
            assertThat(bare.succeeded()).isFalse();
            assertThat(bare.errorList()).isEmpty();
        }
    }
}
