package io.usage4j.core.focus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usage4j.core.focus.FocusColumn.FocusType;
import io.usage4j.core.focus.FocusColumn.Requirement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the column catalogue, and the rule ids the validator cites, against the FinOps
 * Foundation's FOCUS 1.2 requirements model (a copy in src/test/resources/focus).
 */
class FocusColumnModelTest {
    private static JsonNode rules;

    @BeforeAll
    static void readModel() throws IOException {
        try (InputStream in = FocusRules.class.getResourceAsStream(FocusRules.MODEL_RESOURCE)) {
            assertThat(in).as("the FOCUS model resource").isNotNull();
            JsonNode model = new ObjectMapper().readTree(in);
            assertThat(model.path("Details").path("FOCUSVersion").asText()).isEqualTo("1.2");
            rules = model.path("ModelRules");
        }
        assertThat(rules.size()).isGreaterThan(500);
    }

    static Stream<FocusColumn> columnsOf12() {
        return Stream.of(FocusColumn.values()).filter(c -> c.version().equals("1.2"));
    }

    private static List<Map.Entry<String, JsonNode>> rulesFor(String column, String function) {
        List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
        for (Map.Entry<String, JsonNode> rule : rules.properties()) {
            if (rule.getValue().path("Reference").asText().equals(column)
                    && rule.getValue().path("Function").asText().equals(function)) {
                found.add(rule);
            }
        }
        return found;
    }

    @ParameterizedTest
    @MethodSource("columnsOf12")
    void columnExistsWithItsRequirementLevel(FocusColumn column) {
        List<String> presence = rulesFor(column.columnName(), "Presence").stream().map(Map.Entry::getKey)
                .filter(id -> id.startsWith("CostAndUsage-D-")).toList();
        assertThat(presence).as("Presence rule of %s", column.columnName()).hasSize(1);
        String suffix = presence.get(0).substring(presence.get(0).length() - 1);
        Requirement expected = switch (suffix) {
            case "M" -> Requirement.MANDATORY;
            case "C" -> Requirement.CONDITIONAL;
            case "O" -> Requirement.OPTIONAL;
            default -> throw new AssertionError("unexpected rule id " + presence.get(0));
        };
        assertThat(column.requirement()).as("requirement of %s (%s)", column.columnName(), presence.get(0))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("columnsOf12")
    void typeMatchesTheTypeRule(FocusColumn column) {
        List<String> types = rulesFor(column.columnName(), "Type").stream()
                .map(rule -> rule.getValue().path("ValidationCriteria").path("Requirement").path("CheckFunction").asText())
                .toList();
        FocusType expected;
        if (types.isEmpty()) {
            assertThat(column.columnName()).as("only Tags has no Type rule").isEqualTo("Tags");
            expected = FocusType.KEY_VALUE;
        } else {
            assertThat(types).as("Type rules of %s", column.columnName()).hasSize(1);
            expected = switch (types.get(0)) {
                case "TypeString" -> FocusType.STRING;
                case "TypeDecimal" -> FocusType.DECIMAL;
                case "TypeDateTime" -> FocusType.DATETIME;
                default -> throw new AssertionError("unexpected type function " + types.get(0));
            };
        }
        assertThat(column.type()).as("type of %s", column.columnName()).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("columnsOf12")
    void notNullMatchesAnUnconditionalMandatoryNullabilityRule(FocusColumn column) {
        boolean modelSaysNotNull = rulesFor(column.columnName(), "Nullability").stream().anyMatch(rule -> {
            JsonNode criteria = rule.getValue().path("ValidationCriteria");
            JsonNode requirement = criteria.path("Requirement");
            return rule.getKey().endsWith("-M")
                    && requirement.path("CheckFunction").asText().equals("CheckNotValue")
                    && requirement.has("Value") && requirement.get("Value").isNull()
                    && criteria.path("Condition").isObject() && criteria.path("Condition").isEmpty();
        });
        assertThat(column.notNull()).as("notNull of %s", column.columnName()).isEqualTo(modelSaysNotNull);
    }

    /**
     * The values of the column's "one of the allowed values" rule (an OR of CheckValue items), or, for a
     * column with a single allowed value (ChargeClass), of its CheckValue rule conditioned only on the
     * column not being null.
     */
    @ParameterizedTest
    @MethodSource("columnsOf12")
    void allowedValuesMatchTheAllowedValuesRule(FocusColumn column) {
        String name = column.columnName();
        List<String> allowed = new ArrayList<>();
        for (Map.Entry<String, JsonNode> rule : rulesFor(name, "Validation")) {
            JsonNode criteria = rule.getValue().path("ValidationCriteria");
            JsonNode requirement = criteria.path("Requirement");
            JsonNode condition = criteria.path("Condition");
            if (criteria.path("MustSatisfy").asText().contains("one of the allowed values")) {
                for (JsonNode item : requirement.path("Items")) {
                    assertThat(item.path("CheckFunction").asText()).as(rule.getKey()).isEqualTo("CheckValue");
                    allowed.add(item.path("Value").asText());
                }
            } else if (requirement.path("CheckFunction").asText().equals("CheckValue")
                    && requirement.path("ColumnName").asText().equals(name)
                    && condition.path("CheckFunction").asText().equals("CheckNotValue")
                    && condition.path("ColumnName").asText().equals(name)
                    && condition.get("Value") != null && condition.get("Value").isNull()) {
                allowed.add(requirement.path("Value").asText());
            }
        }
        assertThat(column.allowedValues()).as("allowed values of %s", name).containsExactlyElementsOf(allowed);
    }

    @Test
    void theCatalogueCoversTheColumnsUsage4jMapsAndIsAlphabetical() {
        List<String> names = Stream.of(FocusColumn.values()).map(FocusColumn::columnName).toList();
        assertThat(names).isSorted();
        assertThat(names).doesNotHaveDuplicates();
        assertThat(columnsOf12()).hasSize(FocusColumn.values().length - 2);
        assertThat(FocusColumn.named("ServiceProviderName")).contains(FocusColumn.SERVICE_PROVIDER_NAME);
        assertThat(FocusColumn.HOST_PROVIDER_NAME.version()).isEqualTo("1.3");
        assertThat(FocusColumn.named("Nope")).isEmpty();
    }

    private static String source(String file) throws IOException {
        Path root = Path.of(System.getProperty("usage4j.rootDir", "..")).toAbsolutePath();
        Path source = root.resolve("usage-core/src/main/java/io/usage4j/core/focus/" + file);
        if (!Files.exists(source)) {
            source = Path.of("src/main/java/io/usage4j/core/focus/" + file);
        }
        return Files.readString(source, StandardCharsets.UTF_8);
    }

    /** Every model rule id usage4j's sources cite exists in the model, and a column rule refers to its column. */
    @Test
    void everyRuleIdTheSourcesCiteExistsInTheModel() throws IOException {
        String text = source("FocusValidator.java") + source("Json.java") + source("FocusRules.java") + source("RuleEngine.java");
        Matcher m = Pattern.compile("\"([A-Za-z]+)-([CA])-(\\d{3})-([MCO])\"").matcher(text);
        Set<String> ids = new LinkedHashSet<>();
        while (m.find()) {
            String id = m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "-" + m.group(4);
            ids.add(id);
            JsonNode rule = rules.get(id);
            assertThat(rule).as("rule %s cited by usage4j", id).isNotNull();
            assertThat(rule.path("Reference").asText()).as("Reference of %s", id).isEqualTo(m.group(1));
            assertThat(rule.path("EntityType").asText()).isEqualTo(m.group(2).equals("C") ? "Column" : "Attribute");
        }
        assertThat(ids).contains("ColumnHandling-A-010-M", "KeyValueFormat-A-001-M", "KeyValueFormat-A-002-M",
                "KeyValueFormat-A-004-M", "ChargePeriodEnd-C-004-M", "CommitmentDiscountStatus-C-004-C", "Tags-C-003-C");
        assertThat(ids).containsAll(FocusRules.erratumIds());
    }

    /** The not-null rule ids the validator reports are the model's unconditional Nullability rules. */
    @Test
    void incompleteViolationsCiteTheNullabilityRuleOfTheirColumn() {
        for (FocusViolation violation : FocusValidator.validateRow(1, Map.of())) {
            if (violation.severity() != FocusViolation.Severity.INCOMPLETE) {
                continue;
            }
            if (FocusColumn.named(violation.column()).orElseThrow().version().equals("1.3")) {
                assertThat(violation.ruleId()).as("a FOCUS 1.3 column has no rule in the 1.2 model")
                        .startsWith("focus-1.3:" + violation.column());
                continue;
            }
            JsonNode rule = rules.get(violation.ruleId());
            assertThat(rule).as(violation.toString()).isNotNull();
            assertThat(rule.path("Function").asText()).isEqualTo("Nullability");
            assertThat(rule.path("Reference").asText()).isEqualTo(violation.column());
            assertThat(violation.keyword()).isEqualTo(rule.path("ValidationCriteria").path("Keyword").asText());
        }
    }
}
