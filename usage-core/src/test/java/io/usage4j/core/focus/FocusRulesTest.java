package io.usage4j.core.focus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usage4j.core.ApplicabilityCriterion;
import io.usage4j.core.TestRecords;
import io.usage4j.core.focus.FocusViolation.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The FOCUS requirements model, interpreted")
class FocusRulesTest {
    private static JsonNode model;

    @BeforeAll
    static void readModelWithAnotherParser() throws IOException {
        try (InputStream in = FocusRules.class.getResourceAsStream(FocusRules.MODEL_RESOURCE)) {
            model = new ObjectMapper().readTree(in);
        }
    }

    private static Map<String, String> validRow() {
        return new LinkedHashMap<>(FocusValidator.toRow(TestRecords.complete().build()));
    }

    private static List<String> ids(List<FocusViolation> violations) {
        return violations.stream().map(FocusViolation::ruleId).toList();
    }

    @Nested
    @DisplayName("coverage")
    class Coverage {

        @Test
        @DisplayName("at least 95% of the model's static rules are evaluated, counted from the model itself")
        void coverage() {
            List<String> staticIds = new ArrayList<>();
            List<String> dynamicIds = new ArrayList<>();
            model.path("ModelRules").properties().forEach(rule ->
                    (rule.getValue().path("Type").asText().equals("Static") ? staticIds : dynamicIds).add(rule.getKey()));
            FocusRules rules = FocusRules.standard();
            assertThat(rules.modelRules()).extracting(FocusRule::id).containsExactlyElementsOf(
                    model.path("ModelRules").properties().stream().map(Map.Entry::getKey).toList());
            assertThat(rules.staticRuleCount()).isEqualTo(staticIds.size());
            assertThat(rules.dynamicRules()).extracting(FocusRule::id).containsExactlyElementsOf(dynamicIds);
            assertThat(rules.dynamicRules()).noneMatch(FocusRule::evaluated);
            double ratio = (double) rules.evaluatedStaticRuleCount() / staticIds.size();
            assertThat(ratio).as("%s of %s static rules evaluated", rules.evaluatedStaticRuleCount(), staticIds.size())
                    .isGreaterThanOrEqualTo(0.95);
            assertThat(rules.modelRules()).filteredOn(r -> r.isStatic() && !r.evaluated())
                    .allSatisfy(r -> assertThat(r.note()).startsWith("not evaluated: "));
        }

        @Test
        @DisplayName("every check function the model defines is one the interpreter knows")
        void everyCheckFunction() {
            FocusRules rules = FocusRules.standard();
            assertThat(rules.modelRules()).filteredOn(FocusRule::isStatic)
                    .noneMatch(r -> r.note().contains("is not one usage4j knows"));
            assertThat(model.path("CheckFunctions").size()).isEqualTo(22);
        }

        @Test
        @DisplayName("the applicability criteria are the model's, name for name")
        void criteria() {
            List<String> names = model.path("ApplicabilityCriteria").properties().stream().map(Map.Entry::getKey).sorted().toList();
            assertThat(Stream.of(ApplicabilityCriterion.values()).map(Enum::name).sorted().toList()).isEqualTo(names);
        }

        @Test
        @DisplayName("each correction of the model names the defect, and a rule the model marks dynamic is never corrected")
        void errata() {
            for (String id : FocusRules.erratumIds()) {
                FocusRule rule = FocusRules.standard().rule(id).orElseThrow();
                assertThat(rule.isStatic()).as(id).isTrue();
                assertThat(rule.note()).as(id).containsAnyOf("text", "encod", "model");
            }
        }
    }

    @Nested
    @DisplayName("conditions")
    class Conditions {

        @Test
        @DisplayName("a condition encoded as a bare {\"AND\": [...]} holds only when every part holds (the official validator's false positive)")
        void bareAndCondition() {
            Set<ApplicabilityCriterion> capacity = EnumSet.of(ApplicabilityCriterion.CAPACITY_RESERVATION_SUPPORTED);
            // CapacityReservationStatus-C-004-C: MUST NOT be null when CapacityReservationId is not null AND ChargeCategory is Usage
            Map<String, String> usageWithoutReservation = validRow();
            usageWithoutReservation.put("CapacityReservationId", null);
            usageWithoutReservation.put("CapacityReservationStatus", null);
            assertThat(ids(FocusValidator.validateRow(1, usageWithoutReservation, capacity)))
                    .as("one part of the AND does not hold: the rule does not fire").doesNotContain("CapacityReservationStatus-C-004-C");

            Map<String, String> purchaseWithReservation = validRow();
            purchaseWithReservation.put("ChargeCategory", "Purchase");
            purchaseWithReservation.put("ChargeFrequency", "One-Time");
            purchaseWithReservation.put("ConsumedQuantity", null);
            purchaseWithReservation.put("ConsumedUnit", null);
            purchaseWithReservation.put("CapacityReservationId", "cr-1");
            purchaseWithReservation.put("CapacityReservationStatus", null);
            assertThat(ids(FocusValidator.validateRow(1, purchaseWithReservation, capacity)))
                    .as("the other part does not hold").doesNotContain("CapacityReservationStatus-C-004-C");

            Map<String, String> usageWithReservation = validRow();
            usageWithReservation.put("CapacityReservationId", "cr-1");
            usageWithReservation.put("CapacityReservationStatus", "");
            List<FocusViolation> violations = FocusValidator.validateRow(1, usageWithReservation, capacity);
            assertThat(violations).filteredOn(v -> "CapacityReservationStatus-C-004-C".equals(v.ruleId()))
                    .as("both parts hold: the rule fires").singleElement()
                    .satisfies(v -> assertThat(v.severity()).isEqualTo(Severity.ERROR));
        }

        @Test
        @DisplayName("a condition with nested AND/OR fires only when the whole condition holds")
        void nestedCondition() {
            Set<ApplicabilityCriterion> sku = EnumSet.of(ApplicabilityCriterion.PUBLIC_PRICE_LIST_SUPPORTED,
                    ApplicabilityCriterion.UNIT_PRICING_SUPPORTED);
            // SkuId-C-005-C: MUST NOT be null when (ChargeCategory is Usage or Purchase) AND ChargeClass is not Correction
            Map<String, String> row = validRow();
            assertThat(ids(FocusValidator.validateRow(1, row, sku))).contains("SkuId-C-005-C");
            row.put("ChargeClass", "Correction");
            assertThat(ids(FocusValidator.validateRow(1, row, sku))).doesNotContain("SkuId-C-005-C");
            row.put("ChargeClass", null);
            row.put("ChargeCategory", "Tax");
            assertThat(ids(FocusValidator.validateRow(1, row, sku))).doesNotContain("SkuId-C-005-C");
        }

        @Test
        @DisplayName("'ChargeClass is not Correction' holds on ordinary rows, whose ChargeClass is null")
        void nullIsNotCorrection() {
            Map<String, String> row = validRow();
            row.put("ListCost", "99");
            assertThat(row.get("ChargeClass")).isNull();
            assertThat(ids(FocusValidator.validateRow(1, row))).contains("ListCost-C-009-C");
            row.put("ChargeClass", "Correction");
            assertThat(ids(FocusValidator.validateRow(1, row))).doesNotContain("ListCost-C-009-C");
        }

        @Test
        @DisplayName("unit price × quantity matches a cost billed in cents when the exact product rounds to it, and no other")
        void productRoundsToTheMinorUnit() {
            Map<String, String> row = validRow();
            row.put("ListUnitPrice", "0.009");
            row.put("PricingQuantity", "1503.7");
            row.put("ContractedUnitPrice", null);
            row.put("ListCost", "13.53");
            assertThat(ids(FocusValidator.validateRow(1, row))).doesNotContain("ListCost-C-009-C");
            row.put("ListCost", "13.5333");
            assertThat(ids(FocusValidator.validateRow(1, row))).doesNotContain("ListCost-C-009-C");
            for (String wrong : new String[] {"13.54", "13.533", "14", "13.52"}) {
                row.put("ListCost", wrong);
                assertThat(ids(FocusValidator.validateRow(1, row))).as(wrong).contains("ListCost-C-009-C");
            }
        }

        @Test
        @DisplayName("an OR of two conditional rules is decided by the one whose condition holds")
        void orOfConditionalRules() {
            Set<ApplicabilityCriterion> types = EnumSet.of(ApplicabilityCriterion.SUB_ACCOUNT_SUPPORTED,
                    ApplicabilityCriterion.MULTIPLE_SUB_ACCOUNT_TYPES_SUPPORTED);
            Map<String, String> row = validRow();
            row.put("SubAccountId", "sub-1");
            row.put("SubAccountName", "Sub");
            row.put("SubAccountType", null);
            assertThat(ids(FocusValidator.validateRow(1, row, types))).contains("SubAccountType-C-005-C");
            row.put("SubAccountId", null);
            row.put("SubAccountName", null);
            row.put("SubAccountType", "Project");
            assertThat(ids(FocusValidator.validateRow(1, row, types))).contains("SubAccountType-C-004-C");
            row.put("SubAccountType", null);
            assertThat(FocusValidator.validateRow(1, row, types)).isEmpty();
        }
    }

    @Nested
    @DisplayName("applicability")
    class Applicability {

        @Test
        @DisplayName("rules gated on a criterion the source does not declare are skipped; declared, they apply")
        void declared() {
            Map<String, String> row = validRow();
            row.put("Tags", "not json");
            assertThat(ids(FocusValidator.validateRow(1, row, Set.of()))).doesNotContain("Tags-C-001-M");
            assertThat(ids(FocusValidator.validateRow(1, row, EnumSet.of(ApplicabilityCriterion.TAGGING_SUPPORTED))))
                    .contains("Tags-C-001-M");
        }

        @Test
        @DisplayName("a source that declares a criterion must have the columns it requires")
        void presence() {
            List<FocusViolation> violations = FocusValidator.validate(Stream.of(TestRecords.complete().build()),
                    EnumSet.of(ApplicabilityCriterion.COMMITMENT_DISCOUNT_SUPPORTED)).toList();
            assertThat(violations).filteredOn(v -> v.row() == 0).extracting(FocusViolation::column)
                    .contains("CommitmentDiscountId", "CommitmentDiscountStatus");
            assertThat(violations).filteredOn(v -> v.row() == 0).allMatch(v -> v.ruleId().startsWith("CostAndUsage-D-"));
            assertThat(FocusValidator.validate(Stream.of(TestRecords.complete().build()), Set.of()).toList()).isEmpty();
        }

        @Test
        @DisplayName("a CSV lacking a mandatory column is told so once, on its header line, with the presence rule")
        void csvPresence() {
            String csv = "BilledCost,ChargeCategory\r\n1,Usage\r\n2,Usage\r\n";
            try (Stream<FocusViolation> violations = FocusValidator.validateCsv(new StringReader(csv))) {
                List<FocusViolation> header = violations.filter(v -> v.row() == 1).toList();
                assertThat(header).anySatisfy(v -> {
                    assertThat(v.column()).isEqualTo("BillingCurrency");
                    assertThat(v.ruleId()).isEqualTo("CostAndUsage-D-035-M");
                    assertThat(v.keyword()).isEqualTo("MUST");
                });
                assertThat(header).anySatisfy(v -> assertThat(v.ruleId()).isEqualTo("focus-1.3:ServiceProviderName-presence"));
                assertThat(header).filteredOn(v -> v.column().equals("ChargeFrequency"))
                        .singleElement().satisfies(v -> assertThat(v.severity()).isEqualTo(Severity.WARNING));
            }
        }
    }

    @Nested
    @DisplayName("rules across rows")
    class AcrossRows {

        @Test
        @DisplayName("one ServiceName has one ServiceCategory across a dataset")
        void distinctCount() {
            List<FocusViolation> violations = FocusValidator.validate(Stream.of(
                    TestRecords.complete().build(),
                    TestRecords.complete().serviceCategory(io.usage4j.core.ServiceCategory.NETWORKING)
                            .serviceSubcategory("Content Delivery").build())).toList();
            assertThat(violations).filteredOn(v -> "ServiceName-C-005-C".equals(v.ruleId())).singleElement()
                    .satisfies(v -> {
                        assertThat(v.row()).isEqualTo(2);
                        assertThat(v.message()).contains("'Compute' on an earlier row");
                    });
        }
    }

    @Nested
    @DisplayName("corrections of the model's encoding")
    class Errata {

        @Test
        @DisplayName("CommitmentDiscountStatus: null without a commitment, Used or Unused with one (issues #1825, #2393, #2418)")
        void commitmentDiscountStatus() {
            Set<ApplicabilityCriterion> commitments = EnumSet.of(ApplicabilityCriterion.COMMITMENT_DISCOUNT_SUPPORTED);
            Map<String, String> row = validRow();
            assertThat(ids(FocusValidator.validateRow(1, row, commitments))).as("no commitment, no status").isEmpty();
            row.put("CommitmentDiscountId", "cd-1");
            row.put("CommitmentDiscountStatus", "Used");
            row.put("CommitmentDiscountCategory", "Spend");
            row.put("CommitmentDiscountType", "Savings Plan");
            row.put("CommitmentDiscountName", "Plan");
            row.put("CommitmentDiscountQuantity", "1");
            row.put("CommitmentDiscountUnit", "Hours");
            assertThat(ids(FocusValidator.validateRow(1, row, commitments))).doesNotContain(
                    "CommitmentDiscountStatus-C-003-C", "CommitmentDiscountStatus-C-004-C", "CommitmentDiscountStatus-C-005-M");
            row.put("CommitmentDiscountStatus", null);
            assertThat(ids(FocusValidator.validateRow(1, row, commitments))).contains("CommitmentDiscountStatus-C-004-C");
            row.put("CommitmentDiscountStatus", "Active");
            assertThat(ids(FocusValidator.validateRow(1, row, commitments))).contains("CommitmentDiscountStatus-C-005-M");
        }

        @Test
        @DisplayName("EffectiveCost-C-005-C is listed, not evaluated: its condition is not in the data")
        void effectiveCostOfPurchases() {
            FocusRule rule = FocusRules.standard().rule("EffectiveCost-C-005-C").orElseThrow();
            assertThat(rule.evaluated()).isFalse();
            Map<String, String> purchase = validRow();
            purchase.put("ChargeCategory", "Purchase");
            purchase.put("ChargeFrequency", "One-Time");
            purchase.put("ConsumedQuantity", null);
            purchase.put("ConsumedUnit", null);
            assertThat(FocusValidator.validateRow(1, purchase)).isEmpty();
        }
    }

    @Nested
    @DisplayName("FOCUS 1.3 columns, by hand")
    class Focus13Rules {

        @Test
        @DisplayName("each hand-written rule cites its FOCUS 1.3 section and never takes a model id")
        void cited() {
            List<FocusRule> rules = FocusRules.standard().handWrittenRules();
            assertThat(rules).extracting(FocusRule::reference).contains("ServiceProviderName", "HostProviderName",
                    "AllocatedMethodId", "AllocatedMethodDetails", "AllocatedResourceId", "AllocatedResourceName", "AllocatedTags",
                    "ContractApplied");
            assertThat(rules).allSatisfy(r -> {
                assertThat(r.id()).startsWith("focus-1.3:");
                assertThat(r.source()).startsWith("FOCUS 1.3, Cost and Usage dataset, column ").containsPattern("@[0-9a-f]{7}|release");
                assertThat(model.path("ModelRules").has(r.id())).isFalse();
            });
        }

        @Test
        @DisplayName("the Allocated columns and ContractApplied are checked when a dataset has them")
        void allocated() {
            String header = String.join(",", validRow().keySet()) + ",AllocatedMethodId,AllocatedResourceId,AllocatedResourceName,"
                    + "AllocatedMethodDetails,AllocatedTags,ContractApplied";
            StringBuilder values = new StringBuilder();
            validRow().values().forEach(v -> values.append(v == null ? "" : csvField(v)).append(','));
            String ok = values + "m1,r1,Resource,\"{\"\"Elements\"\":[{\"\"AllocatedRatio\"\":0.5}]}\",\"{\"\"team\"\":\"\"a\"\"}\","
                    + "\"{\"\"Elements\"\":[{\"\"ContractId\"\":\"\"c\"\",\"\"ContractCommitmentId\"\":\"\"cc\"\"}]}\"";
            String bad = values + ",r1,,\"[1]\",,\"{\"\"Elements\"\":[{\"\"ContractId\"\":{\"\"nested\"\":1}}]}\"";
            try (Stream<FocusViolation> violations = FocusValidator.validateCsv(new StringReader(header + "\r\n" + ok + "\r\n" + bad + "\r\n"))) {
                List<FocusViolation> all = violations.toList();
                assertThat(all).filteredOn(v -> v.row() == 2).isEmpty();
                assertThat(ids(all.stream().filter(v -> v.row() == 3).toList())).contains(
                        "focus-1.3:AllocatedResourceId-null-when-not-allocated", "focus-1.3:AllocatedMethodDetails-json-object",
                        "focus-1.3:AllocatedMethodDetails-null-when-not-allocated", "focus-1.3:ContractApplied-json-object");
            }
        }

        private static String csvField(String v) {
            return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
        }
    }

    @Nested
    @DisplayName("the model reader")
    class Reader {

        @Test
        @DisplayName("reads the model exactly as a full JSON parser does, numbers as BigDecimal")
        void sameAsJackson() {
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = (Map<String, Object>) Json.parse("{\"a\":[1,2.50,-3e2,true,null,\"x\\u00e9\"],\"b\":{}}");
            assertThat(parsed.get("a")).isEqualTo(java.util.Arrays.asList(new BigDecimal("1"), new BigDecimal("2.50"),
                    new BigDecimal("-3e2"), true, null, "xé"));
            assertThat(parsed.get("b")).isEqualTo(Map.of());
            assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("appears twice");
            assertThatThrownBy(() -> Json.parse("[1,]")).hasMessageContaining("offset 3");
            assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("text after the JSON value");
        }

        @Test
        @DisplayName("a model with a check function usage4j does not know lists that rule as not evaluated, naming the function")
        void unknownFunction() {
            String text = "{\"Details\":{\"FOCUSVersion\":\"9\"},\"CheckFunctions\":{},\"ModelRules\":{"
                    + "\"CostAndUsage-D-000-M\":{\"Function\":\"Composite\",\"Reference\":\"CostAndUsage\",\"EntityType\":\"Dataset\","
                    + "\"ApplicabilityCriteria\":[],\"Type\":\"Static\",\"ValidationCriteria\":{\"MustSatisfy\":\"x\",\"Keyword\":\"MUST\","
                    + "\"Requirement\":{\"CheckFunction\":\"CheckMoonPhase\",\"ColumnName\":\"BilledCost\"},\"Condition\":{}}}}}";
            FocusRules rules = new FocusRules(text);
            assertThat(rules.modelRules()).singleElement().satisfies(r -> {
                assertThat(r.evaluated()).isFalse();
                assertThat(r.note()).contains("CheckMoonPhase");
            });
            assertThat(rules.evaluatedStaticRuleCount()).isZero();
        }
    }
}
