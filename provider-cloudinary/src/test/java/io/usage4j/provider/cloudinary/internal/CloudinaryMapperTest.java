package io.usage4j.provider.cloudinary.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.ServiceCategory;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.focus.FocusValidator;
import io.usage4j.core.focus.FocusViolation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CloudinaryMapperTest {
    private static final String ACCOUNT = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";

    private final List<String> warnings = new ArrayList<>();
    private final CloudinaryMapper mapper = new CloudinaryMapper(ACCOUNT, warnings::add);

    @Test
    void proPaygBecomesPerCategoryOneRecordPerProductEnvironmentAndOneForTheRemainder() {
        List<UsageRecord> records = mapper.map(Fixtures.plans("ProPAYG.json"));

        assertThat(records).hasSize(16);
        assertThat(records).extracting(r -> r.skuMeter().orElseThrow()).containsExactly(
                "storage_image", "storage_image", "storage_video", "storage_video", "storage_raw", "storage_raw",
                "transformations_image", "transformations_image", "transformations_video", "transformations_video",
                "bandwidth_image", "bandwidth_image", "bandwidth_video", "bandwidth_video", "bandwidth_raw", "bandwidth_raw");
        assertThat(records).extracting(r -> r.consumedQuantity().orElseThrow().toPlainString()).containsExactly(
                "0.04", "7971.51", "0.09", "1575.49", "0", "0", "0", "9603.73", "0", "2290.76",
                "0", "2972.57", "0", "1227.22", "0", "0.14");
        for (int i = 0; i < 16; i += 2) {
            UsageRecord environment = records.get(i);
            assertThat(environment.subAccountId()).contains("myproduct");
            assertThat(environment.subAccountName()).contains("myproduct");
            assertThat(environment.extension("x_breakdown_level")).contains("product_environment");
            assertThat(environment.extension("x_account_usage")).isEmpty();
            UsageRecord remainder = records.get(i + 1);
            assertThat(remainder.subAccountId()).isEmpty();
            assertThat(remainder.subAccountName()).isEmpty();
            assertThat(remainder.extension("x_breakdown_level")).contains("account_remainder");
            assertThat(remainder.chargeCategory()).isEqualTo(ChargeCategory.USAGE);
            assertThat(remainder.chargeDescription().orElseThrow()).endsWith(", not attributed to a product environment");
        }
        assertThat(records.get(1).extension("x_account_usage")).contains("7971.55");
        assertThat(records).noneMatch(r -> r.extension("x_environments_exceed_account").isPresent());
        assertThat(warnings).as("the ProPAYG categories add up to the usage exactly").isEmpty();
    }

    @Nested
    @DisplayName("rows that add up")
    class Additivity {

        @Test
        @DisplayName("with the breakdown, each category's rows add up to the account's value and each cycle's to its usage")
        void categoriesAndCyclesAddUp() {
            for (String fixture : List.of("ProPAYG.json", "AdvancedPAYG.json", "Annual2025.json")) {
                List<PlanUsage> plans = Fixtures.plans(fixture);
                List<UsageRecord> records = mapper.map(plans);
                for (UsageCycle cycle : cyclesOf(plans)) {
                    Instant start = LocalDate.parse(cycle.fromDay()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
                    List<UsageRecord> ofCycle = records.stream().filter(r -> r.chargePeriodStart().equals(start)).toList();
                    assertThat(sum(ofCycle)).as("%s, cycle from %s: the rows' sum", fixture, cycle.fromDay())
                            .isEqualByComparingTo(cycle.usage());
                    cycle.breakdown().values().forEach((category, value) -> assertThat(sum(ofCycle.stream()
                            .filter(r -> r.skuMeter().orElseThrow().equals(category)).toList()))
                            .as("%s, cycle from %s, %s", fixture, cycle.fromDay(), category)
                            .isEqualByComparingTo(new BigDecimal(value.toString())));
                }
            }
        }

        @Test
        @DisplayName("the summed rows are the truth, not twice it: ProPAYG sums to its cycle usage of 25641.55")
        void proPaygSumsToTheCycleUsage() {
            assertThat(sum(mapper.map(Fixtures.plans("ProPAYG.json")))).isEqualByComparingTo("25641.55");
        }

        @Test
        @DisplayName("environments covering the account leave a zero remainder row, which is still a row")
        void fullCoverageLeavesZeroRemainders() {
            List<UsageRecord> records = mapper.map(Fixtures.plans("AdvancedPAYG.json"));

            List<UsageRecord> remainders = records.stream()
                    .filter(r -> r.extension("x_breakdown_level").orElseThrow().equals("account_remainder")).toList();
            assertThat(remainders).hasSize(8).allSatisfy(r -> assertThat(r.consumedQuantity().orElseThrow()).isZero());
            assertThat(warnings).isEmpty();
        }

        @Test
        @DisplayName("environments exceeding the account: a negative remainder, warned, never clamped, and the rows say which")
        void environmentsExceedingTheAccountAreReportedNotClamped() {
            List<UsageRecord> records = mapper.map(Fixtures.plans("Annual2025.json"));

            List<UsageRecord> october = records.stream()
                    .filter(r -> r.chargePeriodStart().equals(Instant.parse("2025-10-01T00:00:00Z"))).toList();
            assertThat(october).extracting(r -> r.subAccountId().orElse("-") + " " + r.skuMeter().orElseThrow() + " "
                    + r.consumedQuantity().orElseThrow().toPlainString()).containsExactly(
                    "marketing storage_image 30.00", "shop storage_image 26.75", "- storage_image 0.00",
                    "marketing bandwidth_image 80.00", "shop bandwidth_image 26.25", "- bandwidth_image -3.10");
            assertThat(october.subList(0, 3)).allSatisfy(r ->
                    assertThat(r.extension("x_environments_exceed_account")).isEmpty());
            assertThat(october.subList(3, 6)).allSatisfy(r ->
                    assertThat(r.extension("x_environments_exceed_account")).contains("3.10"));
            UsageRecord remainder = october.get(5);
            assertThat(remainder.chargeCategory()).as("a negative remainder corrects the environments' over-attribution")
                    .isEqualTo(ChargeCategory.ADJUSTMENT);
            assertThat(remainder.extension("x_account_usage")).contains("103.15");
            assertThat(october.get(4).chargeCategory()).isEqualTo(ChargeCategory.USAGE);
            assertThat(warnings).singleElement().asString().contains("bandwidth_image").contains("106.25")
                    .contains("103.15").contains("-3.10").contains("x_environments_exceed_account").contains("2025-10-01");
            assertThat(october).allSatisfy(r -> assertThat(FocusValidator.validate(r))
                    .noneMatch(v -> v.severity() == FocusViolation.Severity.ERROR));
        }

        @Test
        @DisplayName("a category only the environments report is theirs, against an account value of zero")
        void environmentOnlyCategory() {
            List<UsageRecord> records = mapper.map(plans("""
                    [{"plan_name":"Pro","metric_usage":[{"metric":"credit","cycles":[
                      {"from_day":"2025-05-01","to_day":"2025-05-31","usage":5,"breakdown":{"storage_image":5},
                       "product_environment_breakdown":[{"cloud_name":"a","storage_image":2,"video_seconds":1}]}]}]}]
                    """));

            assertThat(records).extracting(r -> r.subAccountId().orElse("-") + " " + r.skuMeter().orElseThrow() + " "
                    + r.consumedQuantity().orElseThrow().toPlainString()).containsExactly(
                    "a storage_image 2", "- storage_image 3", "a video_seconds 1", "- video_seconds -1");
            assertThat(warnings).singleElement().asString().contains("video_seconds");
        }

        @Test
        @DisplayName("a cycle with a total but no category: the environments' rows and one remainder of the total")
        void totalOnlyCycle() {
            List<UsageRecord> records = mapper.map(plans("""
                    [{"plan_name":"Pro","metric_usage":[{"metric":"credit","cycles":[
                      {"from_day":"2025-05-01","to_day":"2025-05-31","usage":12.5,
                       "product_environment_breakdown":[{"cloud_name":"a","storage_image":2},{"cloud_name":"b","bandwidth_image":0.5}]}]}]}]
                    """));

            assertThat(records).extracting(r -> r.subAccountId().orElse("-") + " " + r.skuMeter().orElse("(total)") + " "
                    + r.consumedQuantity().orElseThrow().toPlainString() + " " + r.extension("x_breakdown_level").orElseThrow())
                    .containsExactly("a storage_image 2 product_environment", "b bandwidth_image 0.5 product_environment",
                            "- (total) 10.0 account_remainder");
            assertThat(sum(records)).isEqualByComparingTo("12.5");
            assertThat(warnings).isEmpty();
        }

        @Test
        @DisplayName("without the breakdown, the account's categories as they are")
        void withoutTheBreakdown() {
            List<UsageRecord> records = mapper.map(Fixtures.plans("MultiPlan2025.json"));

            assertThat(records).allSatisfy(r -> {
                assertThat(r.extension("x_breakdown_level")).contains("account");
                assertThat(r.subAccountId()).isEmpty();
            });
            assertThat(sum(records)).isEqualByComparingTo("518.77"); // 412.37 + 96.40 + 10
        }

        private static BigDecimal sum(List<UsageRecord> records) {
            return records.stream().map(r -> r.consumedQuantity().orElseThrow()).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        private static List<UsageCycle> cyclesOf(List<PlanUsage> plans) {
            List<UsageCycle> cycles = new ArrayList<>();
            for (PlanUsage plan : plans) {
                for (MetricUsage metric : plan.metricUsage()) {
                    cycles.addAll(metric.monthlyCycles() == null || metric.monthlyCycles().isEmpty()
                            ? metric.cycles() : metric.monthlyCycles());
                }
            }
            return cycles;
        }
    }

    @Test
    void aRecordCarriesTheCycleTheUnitAndThePlanButNoMoney() {
        UsageRecord first = mapper.map(Fixtures.plans("ProPAYG.json")).get(1); // storage_image, not in an environment

        assertThat(first.billingAccountId()).isEqualTo(ACCOUNT);
        assertThat(first.chargePeriodStart()).isEqualTo(Instant.parse("2024-08-21T00:00:00Z"));
        assertThat(first.chargePeriodEnd()).as("to_day 2024-09-20 is the cycle's last day; FOCUS ends are exclusive")
                .isEqualTo(Instant.parse("2024-09-21T00:00:00Z"));
        assertThat(first.chargeCategory()).isEqualTo(ChargeCategory.USAGE);
        assertThat(first.chargeFrequency()).contains(ChargeFrequency.USAGE_BASED);
        assertThat(first.consumedQuantity().orElseThrow().toPlainString()).isEqualTo("7971.51");
        assertThat(first.consumedUnit()).contains("credit");
        assertThat(first.serviceName()).contains("Cloudinary");
        assertThat(first.serviceCategory()).contains(ServiceCategory.MEDIA);
        assertThat(first.serviceProviderName()).contains("Cloudinary");
        assertThat(first.skuMeter()).contains("storage_image");
        assertThat(first.chargeDescription())
                .contains("storage_image (credit), plan Pro PAYG, not attributed to a product environment");
        assertThat(first.billedCost()).isEmpty();
        assertThat(first.effectiveCost()).isEmpty();
        assertThat(first.listCost()).isEmpty();
        assertThat(first.contractedCost()).isEmpty();
        assertThat(first.billingCurrency()).isEmpty();
        assertThat(first.pricingQuantity()).isEmpty();
        assertThat(first.billingPeriodStart()).isEmpty();
        assertThat(first.invoiceIssuerName()).isEmpty();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("x_plan_name", "Pro PAYG");
        expected.put("x_metric_limit", "2750");
        expected.put("x_cycle_usage", "25641.55");
        expected.put("x_breakdown_level", "account_remainder");
        expected.put("x_account_usage", "7971.55");
        assertThat(first.extensions()).containsExactlyEntriesOf(expected);
        assertThat(CloudinaryMapper.EXTENSION_COLUMNS).containsSubsequence(first.extensions().keySet());
    }

    @Test
    void recordsHaveNoFocusErrors() {
        List<UsageRecord> records = new ArrayList<>(mapper.map(Fixtures.plans("ProPAYG.json")));
        records.addAll(mapper.map(Fixtures.plans("AdvancedPAYG.json")));
        records.addAll(mapper.map(Fixtures.plans("MultiPlan2025.json")));
        records.addAll(mapper.map(Fixtures.plans("Annual2024.json")));

        List<FocusViolation> errors = records.stream().flatMap(r -> FocusValidator.validate(r).stream())
                .filter(v -> v.severity() == FocusViolation.Severity.ERROR).toList();
        assertThat(errors).isEmpty();
    }

    @Test
    void advancedPaygKeepsItsOwnNumbersAndEndsTheDayAfterToDay() {
        List<UsageRecord> records = mapper.map(Fixtures.plans("AdvancedPAYG.json"));

        assertThat(records).hasSize(16);
        assertThat(records.get(10).skuMeter()).contains("bandwidth_image");
        assertThat(records.get(10).subAccountId()).contains("myproduct");
        assertThat(records.get(10).consumedQuantity().orElseThrow().toPlainString()).isEqualTo("1827.43");
        assertThat(records.get(6).consumedQuantity().orElseThrow().toPlainString()).isEqualTo("0.4");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.chargePeriodStart()).isEqualTo(Instant.parse("2024-08-26T00:00:00Z"));
            assertThat(r.chargePeriodEnd()).isEqualTo(Instant.parse("2024-09-19T00:00:00Z"));
            assertThat(r.extension("x_plan_name")).contains("Advanced PAYG");
            assertThat(r.extension("x_metric_limit")).contains("600");
            assertThat(r.extension("x_cycle_usage")).contains("1830.25");
        });
    }

    @Test
    void multiPlanKeepsEachPlansNameLimitAndCategoriesIncludingImpressionsAndVideoSeconds() {
        List<UsageRecord> records = mapper.map(Fixtures.plans("MultiPlan2025.json"));

        assertThat(records).hasSize(8 + 7 + 1);
        UsageRecord impressions = records.get(8 + 5);
        assertThat(impressions.skuMeter()).contains("image_impressions");
        assertThat(impressions.consumedQuantity().orElseThrow().toPlainString()).as("scale kept").isEqualTo("12.00");
        assertThat(impressions.extension("x_plan_name")).contains("Advanced Extra PAYG +");
        assertThat(impressions.extension("x_metric_limit")).contains("1350");
        assertThat(impressions.extension("x_cycle_usage")).contains("96.40");
        assertThat(records.get(8 + 6).skuMeter()).contains("video_seconds");
        assertThat(records.get(1).consumedQuantity().orElseThrow().toPlainString()).isEqualTo("0.20");
        assertThat(warnings).isEmpty();
    }

    @Test
    void monthlyCyclesOfAnAnnualPlanAreMappedInsteadOfTheAnnualCycle() {
        List<UsageRecord> records = mapper.map(Fixtures.plans("Annual2024.json"));

        assertThat(records).hasSize(24);
        assertThat(records).as("no record spans the annual cycle").noneMatch(r -> r.chargePeriodEnd()
                .equals(Instant.parse("2025-09-01T00:00:00Z")) && r.chargePeriodStart().equals(Instant.parse("2024-09-01T00:00:00Z")));
        assertThat(records).extracting(r -> r.extension("x_cycle_usage").orElseThrow()).doesNotContain("1965.00");
        UsageRecord march = records.stream()
                .filter(r -> r.chargePeriodStart().equals(Instant.parse("2025-03-01T00:00:00Z"))).findFirst().orElseThrow();
        assertThat(march.chargePeriodEnd()).isEqualTo(Instant.parse("2025-04-01T00:00:00Z"));
        assertThat(march.consumedQuantity().orElseThrow().toPlainString()).isEqualTo("47.50");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("x_plan_name", "Enterprise Annual");
        expected.put("x_metric_limit", "24000");
        expected.put("x_cycle_usage", "165.90");
        expected.put("x_breakdown_level", "account");
        expected.put("x_annual_cycle_from_day", "2024-09-01");
        expected.put("x_annual_cycle_to_day", "2025-08-31");
        expected.put("x_annual_cycle_usage", "1965.00");
        assertThat(march.extensions()).containsExactlyEntriesOf(expected);
    }

    @Test
    void monthlyCyclesCarryTheirProductEnvironments() {
        List<UsageRecord> records = mapper.map(Fixtures.plans("Annual2025.json"));

        assertThat(records).hasSize(2 + 2 * 3);
        assertThat(records.subList(2, 8)).extracting(r -> r.subAccountId().orElse("-"))
                .containsExactly("marketing", "shop", "-", "marketing", "shop", "-");
        assertThat(records.get(6).consumedQuantity().orElseThrow().toPlainString()).isEqualTo("26.25");
        assertThat(records.get(6).chargePeriodStart()).isEqualTo(Instant.parse("2025-10-01T00:00:00Z"));
        assertThat(records.get(6).chargePeriodEnd()).isEqualTo(Instant.parse("2025-11-01T00:00:00Z"));
        assertThat(records.get(6).extension("x_annual_cycle_usage")).contains("315.50");
    }

    @Test
    void aBreakdownThatDoesNotAddUpIsKeptAsReportedAndWarned() {
        List<UsageRecord> records = mapper.map(plans("""
                [{"plan_name":"Advanced Extra PAYG +","metric_usage":[{"metric":"credit","limit":1350,"cycles":[
                  {"from_day":"2024-07-01","to_day":"2024-07-31","usage":2300,
                   "breakdown":{"storage_image":2000.99,"video_seconds":299}}]}]}]
                """));

        assertThat(records).extracting(r -> r.consumedQuantity().orElseThrow().toPlainString())
                .containsExactly("2000.99", "299");
        assertThat(records).allSatisfy(r -> assertThat(r.extension("x_cycle_usage")).contains("2300"));
        assertThat(warnings).singleElement().asString()
                .contains("add up to 2299.99").contains("usage is 2300").contains("Advanced Extra PAYG +");
    }

    @Test
    void aNewCategoryBecomesItsOwnRecordAndADecimalKeepsItsScale() {
        List<UsageRecord> records = mapper.map(plans("""
                [{"plan_name":"Pro","metric_usage":[{"metric":"credit","limit":225,"cycles":[
                  {"from_day":"2025-05-01","to_day":"2025-05-31","usage":3.50,
                   "breakdown":{"storage_image":1.10,"ai_generations":2.40,"unknown_label":"n/a"}}]}]}]
                """));

        assertThat(records).extracting(r -> r.skuMeter().orElseThrow()).containsExactly("storage_image", "ai_generations");
        assertThat(records.get(0).consumedQuantity().orElseThrow().toPlainString()).isEqualTo("1.10");
        assertThat(records.get(1).consumedQuantity().orElseThrow().toPlainString()).isEqualTo("2.40");
        assertThat(records.get(0).extension("x_cycle_usage")).contains("3.50");
        assertThat(warnings).singleElement().asString().contains("unknown_label");
    }

    @Test
    void aCycleWithATotalButNoCategoryIsOneTotalRecord() {
        List<UsageRecord> records = mapper.map(plans("""
                [{"plan_name":"Plus","metric_usage":[{"metric":"credit","cycles":[
                  {"from_day":"2025-05-01","to_day":"2025-05-31","usage":12.5}]}]}]
                """));

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.skuMeter()).isEmpty();
            assertThat(r.consumedQuantity().orElseThrow().toPlainString()).isEqualTo("12.5");
            assertThat(r.extension("x_breakdown_level")).contains("cycle_total");
            assertThat(r.extension("x_metric_limit")).isEmpty();
        });
    }

    @Test
    void aOneDayCycleIsOneDayLong() {
        List<UsageRecord> records = mapper.map(plans("""
                [{"metric_usage":[{"metric":"credit","cycles":[
                  {"from_day":"2025-05-31","to_day":"2025-05-31","usage":1,"breakdown":{"storage_raw":1}}]}]}]
                """));

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.chargePeriodStart()).isEqualTo(Instant.parse("2025-05-31T00:00:00Z"));
            assertThat(r.chargePeriodEnd()).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
            assertThat(r.extension("x_plan_name")).isEmpty();
        });
    }

    @Test
    void unplaceableOrUnitlessUsageIsUnreadableNotDropped() {
        assertThatThrownBy(() -> mapper.map(plans("""
                [{"metric_usage":[{"metric":"credit","cycles":[{"to_day":"2025-05-31","usage":1}]}]}]""")))
                .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("no from_day");
        assertThatThrownBy(() -> mapper.map(plans("""
                [{"metric_usage":[{"metric":"credit","cycles":[{"from_day":"31/05/2025","to_day":"2025-05-31","usage":1}]}]}]""")))
                .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("'31/05/2025'");
        assertThatThrownBy(() -> mapper.map(plans("""
                [{"metric_usage":[{"metric":"credit","cycles":[{"from_day":"2025-06-01","to_day":"2025-05-31","usage":1}]}]}]""")))
                .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("before from_day");
        assertThatThrownBy(() -> mapper.map(plans("""
                [{"metric_usage":[{"cycles":[{"from_day":"2025-05-01","to_day":"2025-05-31","usage":1}]}]}]""")))
                .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("no unit");
        assertThatThrownBy(() -> mapper.map(plans("""
                [{"metric_usage":[{"metric":"credit","cycles":[{"from_day":"2025-05-01","to_day":"2025-05-31",
                  "breakdown":{"storage_image":"12"}}]}]}]""")))
                .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("storage_image is not a number");
    }

    @Test
    void anEmptyArrayAndEmptyPlansMapToNothing() {
        assertThat(mapper.map(plans("[]"))).isEmpty();
        assertThat(mapper.map(plans("[{\"plan_name\":\"Free\"},{\"plan_name\":\"Pro\",\"metric_usage\":[]}]"))).isEmpty();
        assertThat(mapper.map(plans("[{\"metric_usage\":[{\"metric\":\"credit\",\"cycles\":[{}]}]}]")))
                .as("a cycle that reports nothing").isEmpty();
    }

    @Test
    void earliestCycleStartLooksAtCyclesAndMonths() {
        assertThat(CloudinaryMapper.earliestCycleStart(Fixtures.plans("MultiPlan2025.json")))
                .contains(LocalDate.parse("2025-01-26"));
        assertThat(CloudinaryMapper.earliestCycleStart(Fixtures.plans("Annual2024.json")))
                .contains(LocalDate.parse("2024-09-01"));
        assertThat(CloudinaryMapper.earliestCycleStart(plans("""
                [{"metric_usage":[{"metric":"credit","monthly_cycles":[{"from_day":"2025-02-01"},{"from_day":"2025-01-01"}]}]}]""")))
                .contains(LocalDate.parse("2025-01-01"));
        assertThat(CloudinaryMapper.earliestCycleStart(plans("[]"))).isEmpty();
    }

    @Test
    void anObjectBodyIsReadAsAnErrorNotAsPlans() {
        BillingUsageResponse error = Fixtures.decode("{\"error\":{\"message\":\"Account is suspended\"}}");
        assertThat(error.plans()).isEmpty();
        assertThat(error.objectMessage()).contains("Account is suspended");

        BillingUsageResponse other = Fixtures.decode("{\"plans\":[]}");
        assertThat(other.plans()).isEmpty();
        assertThat(other.objectMessage()).contains("");
    }

    private static List<PlanUsage> plans(String json) {
        return Fixtures.decode(json).plans().orElseThrow();
    }
}
