package io.usage4j.provider.latitude.internal;

import static io.usage4j.provider.latitude.LatitudeFixtures.PERIOD_END;
import static io.usage4j.provider.latitude.LatitudeFixtures.PERIOD_START;
import static io.usage4j.provider.latitude.LatitudeFixtures.PROJECT;
import static io.usage4j.provider.latitude.LatitudeFixtures.decode;
import static io.usage4j.provider.latitude.LatitudeFixtures.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.ServiceCategory;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.focus.FocusValidator;
import io.usage4j.core.focus.FocusViolation;
import io.usage4j.provider.latitude.LatitudeFixtures;
import io.usage4j.provider.latitude.internal.BillingUsageDocument.Attributes;
import io.usage4j.provider.latitude.internal.LatitudeMapper.BillingPeriod;
import io.usage4j.provider.latitude.internal.LatitudeMapper.PriceMismatch;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class LatitudeMapperTest {
    private final LatitudeMapper mapper = new LatitudeMapper("USD", null, PROJECT);

    private static Attributes attributes(BillingUsageDocument document) {
        return LatitudeMapper.attributes(document, UnaryOperator.identity());
    }

    private List<UsageRecord> map(BillingUsageDocument document) {
        Attributes attributes = attributes(document);
        return mapper.records(attributes, LatitudeMapper.period(attributes));
    }

    /** A one-product document around {@code product} (a JSON object), in the fixtures' period. */
    private static BillingUsageDocument withProduct(String product) {
        return decode("""
                {"data": {"type": "billing_usage", "attributes": {
                  "project": {"id": "proj_r0MK4O4kDa95w", "slug": "fantastic-iron-clock", "name": "Fantastic Iron Clock"},
                  "period": {"start": "2025-12-24T15:56:32+00:00", "end": "2026-01-24T15:56:32+00:00"},
                  "products": [%s]}}}
                """.formatted(product));
    }

    private UsageRecord single(String product) {
        List<UsageRecord> records = map(withProduct(product));
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    @Test
    void documentedExampleHasNoProductLinesAndAConsistentTotal() {
        BillingUsageDocument example = document("documented-example.json");
        Attributes attributes = attributes(example);

        assertThat(map(example)).isEmpty();
        assertThat(LatitudeMapper.period(attributes)).isEqualTo(new BillingPeriod(PERIOD_START, PERIOD_END));
        assertThat(LatitudeMapper.priceMismatch(attributes)).isEmpty();
    }

    @Test
    void severalProductsMapToTheHandWrittenRecords() {
        assertThat(map(document("several-products.json")))
                .containsExactlyElementsOf(LatitudeFixtures.severalProductsRecords());
    }

    @Test
    void everyRecordIsValidFocus() {
        for (UsageRecord record : map(document("several-products.json"))) {
            assertThat(FocusValidator.validate(record)).as("FOCUS violations of %s", record.resourceId())
                    .filteredOn(FocusViolation::isError).isEmpty();
        }
    }

    @Test
    void centsBecomeCurrencyUnitsExactly() {
        UsageRecord record = single("""
                {"id": "si_1", "resource": "server", "name": "c3.large.x86", "unit": "hour", "usage_type": "metered",
                 "quantity": 0.5, "unit_price": 24690, "price": 12345, "amount_without_discount": 12345,
                 "unit_amount": 24690, "amount": 12345, "start": "2025-12-24T15:56:32+00:00", "end": null}
                """);

        assertThat(record.billedCost().map(BigDecimal::toPlainString)).hasValue("123.45");
        assertThat(record.effectiveCost().map(BigDecimal::toPlainString)).hasValue("123.45");
        assertThat(record.listCost().map(BigDecimal::toPlainString)).hasValue("123.45");
        assertThat(record.listUnitPrice().map(BigDecimal::toPlainString)).hasValue("246.90");
        assertThat(record.pricingQuantity().map(BigDecimal::toPlainString)).hasValue("0.5");
        assertThat(record.extension("x_amount")).hasValue("123.45");
        assertThat(record.extension("x_unit_amount")).hasValue("246.90");
    }

    @Test
    void fractionalCentsKeepEveryDigit() {
        UsageRecord record = single("""
                {"id": "si_1", "resource": "storage", "name": "Block storage", "unit": "GB", "quantity": 3,
                 "unit_price": 0.125, "price": 0.375, "amount_without_discount": 0.375, "start": "2025-12-24T15:56:32+00:00"}
                """);

        assertThat(record.listUnitPrice().map(BigDecimal::toPlainString)).hasValue("0.00125");
        assertThat(record.billedCost().map(BigDecimal::toPlainString)).hasValue("0.00375");
    }

    @Test
    void nullEndRunsToTheBillingPeriodEndAndAGivenEndIsKept() {
        List<UsageRecord> records = map(document("several-products.json"));

        assertThat(records.get(0).chargePeriodEnd()).isEqualTo(PERIOD_END);
        assertThat(records.get(0).extension("x_product_end")).isEmpty();
        assertThat(records.get(2).chargePeriodEnd()).isEqualTo(Instant.parse("2026-01-10T12:00:00Z"));
    }

    @Test
    void aLineStartingBeforeThePeriodIsClippedToIt() {
        UsageRecord record = single("""
                {"id": "si_1", "resource": "server", "name": "c2.small.x86", "unit": "hour", "quantity": 10,
                 "unit_price": 40, "price": 400, "start": "2025-10-01T00:00:00+00:00", "end": "2026-02-01T00:00:00Z"}
                """);

        assertThat(record.chargePeriodStart()).isEqualTo(PERIOD_START);
        assertThat(record.chargePeriodEnd()).isEqualTo(PERIOD_END);
        assertThat(record.extension("x_product_start")).hasValue("2025-10-01T00:00:00+00:00");
        assertThat(record.extension("x_product_end")).hasValue("2026-02-01T00:00:00Z");
    }

    @Test
    void aLineWithNoTimeInsideThePeriodIsUnreadable() {
        assertThatThrownBy(() -> map(withProduct("""
                {"id": "si_gone", "name": "x", "start": "2025-11-01T00:00:00+00:00", "end": "2025-12-01T00:00:00+00:00"}
                """)))
                .isInstanceOf(UnreadableResponseException.class)
                .hasMessageContaining("si_gone");
    }

    @Test
    void usageTypeGivesTheChargeFrequencyAndAnUnknownOneStaysAbsent() {
        assertThat(single("{\"id\": \"a\", \"usage_type\": \"licensed\", \"start\": \"2025-12-24T15:56:32Z\"}")
                .chargeFrequency()).hasValue(ChargeFrequency.RECURRING);
        assertThat(single("{\"id\": \"a\", \"usage_type\": \"metered\", \"start\": \"2025-12-24T15:56:32Z\"}")
                .chargeFrequency()).hasValue(ChargeFrequency.USAGE_BASED);
        UsageRecord unknown = single("{\"id\": \"a\", \"usage_type\": \"prepaid\", \"start\": \"2025-12-24T15:56:32Z\"}");
        assertThat(unknown.chargeFrequency()).isEmpty();
        assertThat(unknown.extension("x_usage_type")).hasValue("prepaid");
    }

    @Test
    void unitsBecomeFocusUnitsAndUnknownOnesPassThrough() {
        assertThat(single("{\"id\": \"a\", \"unit\": \"minute\", \"quantity\": 90}").pricingUnit()).hasValue("Minutes");
        assertThat(single("{\"id\": \"a\", \"unit\": \"quantity\", \"quantity\": 2}").pricingUnit()).hasValue("Units");
        UsageRecord tb = single("{\"id\": \"a\", \"unit\": \"TB\", \"quantity\": 2}");
        assertThat(tb.pricingUnit()).hasValue("TB");
        assertThat(tb.consumedUnit()).hasValue("TB");
    }

    @Test
    void absentAmountsStayAbsent() {
        UsageRecord record = single("{\"id\": \"si_1\", \"name\": \"c2.small.x86\"}");

        assertThat(record.billedCost()).isEmpty();
        assertThat(record.effectiveCost()).isEmpty();
        assertThat(record.listCost()).isEmpty();
        assertThat(record.listUnitPrice()).isEmpty();
        assertThat(record.pricingQuantity()).isEmpty();
        assertThat(record.pricingUnit()).isEmpty();
        assertThat(record.consumedQuantity()).isEmpty();
        assertThat(record.serviceName()).isEmpty();
        assertThat(record.chargePeriodStart()).isEqualTo(PERIOD_START);
        assertThat(record.chargePeriodEnd()).isEqualTo(PERIOD_END);
        assertThat(record.extensions()).doesNotContainKeys("x_available_credit_balance", "x_threshold", "x_discounts");
    }

    @Test
    void aBillingUnitDivisorDividesThePricingQuantityExactly() {
        UsageRecord record = single("""
                {"id": "si_api", "resource": "api", "name": "API calls", "unit": "quantity", "quantity": 2500,
                 "unit_price": 1, "price": 2.5, "amount_without_discount": 2.5, "usage_type": "metered",
                 "metadata": {"billing_unit_divisor": 1000}}
                """);

        assertThat(record.consumedQuantity().map(BigDecimal::toPlainString)).hasValue("2500");
        assertThat(record.consumedUnit()).hasValue("Units");
        assertThat(record.pricingQuantity().map(BigDecimal::toPlainString)).hasValue("2.5");
        assertThat(record.pricingUnit()).hasValue("1000 Units");
        assertThat(record.listUnitPrice().get().multiply(record.pricingQuantity().get()))
                .isEqualByComparingTo(record.listCost().get());
        assertThat(record.extension("x_billing_unit_divisor")).hasValue("1000");
        assertThat(record.serviceCategory()).hasValue(ServiceCategory.OTHER);
    }

    @Test
    void severalServersAreListedAndNoneOfThemNamesTheResource() {
        UsageRecord record = single("""
                {"id": "si_pool", "resource": "server", "name": "c2.small.x86", "metadata": {"servers": [
                  {"id": "sv_1", "hostname": "web-01", "plan": "c2.small.x86", "tags": ["prod"]},
                  {"id": "sv_2", "hostname": "web-02", "plan": "c2.small.x86", "tags": ["prod", "edge"]}]}}
                """);

        assertThat(record.resourceName()).hasValue("c2.small.x86");
        assertThat(record.extension("x_server_id")).hasValue("sv_1,sv_2");
        assertThat(record.extension("x_hostname")).hasValue("web-01,web-02");
        assertThat(record.extension("x_plan")).hasValue("c2.small.x86");
        assertThat(record.tags()).containsExactly(java.util.Map.entry("prod", "true"), java.util.Map.entry("edge", "true"));
    }

    @Test
    void aConfiguredBillingAccountReplacesTheProjectAndAMissingProjectFallsBackToTheRequestedOne() {
        LatitudeMapper team = new LatitudeMapper("EUR", "team_42", "proj_asked");
        Attributes attributes = attributes(decode("""
                {"data": {"attributes": {
                  "period": {"start": "2025-12-24T15:56:32+00:00", "end": "2026-01-24T15:56:32+00:00"},
                  "products": [{"id": "si_1", "price": 100}]}}}
                """));

        UsageRecord record = team.records(attributes, LatitudeMapper.period(attributes)).get(0);

        assertThat(record.billingAccountId()).isEqualTo("team_42");
        assertThat(record.billingAccountName()).isEmpty();
        assertThat(record.subAccountId()).hasValue("proj_asked");
        assertThat(record.billingCurrency()).hasValue("EUR");
        assertThat(record.billedCost().map(BigDecimal::toPlainString)).hasValue("1.00");
    }

    @Test
    void aTotalThatDiffersFromTheSumOfTheLinesIsReported() {
        Attributes attributes = attributes(document("price-mismatch.json"));

        Optional<PriceMismatch> mismatch = LatitudeMapper.priceMismatch(attributes);

        assertThat(mismatch).isPresent();
        assertThat(mismatch.get().total().toPlainString()).isEqualTo("500.00");
        assertThat(mismatch.get().linesSum().toPlainString()).isEqualTo("307.20");
        assertThat(mismatch.get().lines()).isEqualTo(1);
        assertThat(LatitudeMapper.priceMismatch(attributes(document("several-products.json")))).isEmpty();
    }

    @Test
    void aNullThresholdIsAbsent() {
        Attributes attributes = attributes(document("price-mismatch.json"));

        UsageRecord record = mapper.records(attributes, LatitudeMapper.period(attributes)).get(0);

        assertThat(record.extension("x_threshold")).isEmpty();
        assertThat(record.extension("x_available_credit_balance")).hasValue("0.00");
        assertThat(record.tags()).isEmpty();
    }

    @Test
    void anErrorEnvelopeIsUnreadableAndCarriesLatitudesWords() {
        assertThatThrownBy(() -> attributes(document("not-found.json")))
                .isInstanceOf(UnreadableResponseException.class)
                .hasMessageContaining("Not Found: Project proj_doesNotExist1 was not found")
                .hasMessageContaining("[code not_found]");
    }

    @Test
    void aDocumentWithoutUsageIsUnreadable() {
        assertThatThrownBy(() -> attributes(decode("{\"meta\": {}}")))
                .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("data.attributes");
        assertThatThrownBy(() -> attributes(decode("{\"data\": {\"type\": \"projects\", \"attributes\": {}}}")))
                .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("'projects'");
        assertThatThrownBy(() -> LatitudeMapper.period(attributes(decode("{\"data\": {\"attributes\": {}}}"))))
                .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("billing period");
        assertThatThrownBy(() -> LatitudeMapper.period(attributes(decode(
                "{\"data\": {\"attributes\": {\"period\": {\"start\": \"yesterday\", \"end\": \"2026-01-24T15:56:32Z\"}}}}"))))
                .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("yesterday");
    }
}
