package io.usage4j.core.focus;

import io.usage4j.core.ApplicabilityCriterion;
import io.usage4j.core.focus.RuleEngine.AllowedValues;
import io.usage4j.core.focus.RuleEngine.And;
import io.usage4j.core.focus.RuleEngine.AtLeast;
import io.usage4j.core.focus.RuleEngine.Check;
import io.usage4j.core.focus.RuleEngine.ColumnPresent;
import io.usage4j.core.focus.RuleEngine.Columns;
import io.usage4j.core.focus.RuleEngine.DecimalValue;
import io.usage4j.core.focus.RuleEngine.DistinctCount;
import io.usage4j.core.focus.RuleEngine.Expr;
import io.usage4j.core.focus.RuleEngine.Format;
import io.usage4j.core.focus.RuleEngine.FormatCheck;
import io.usage4j.core.focus.RuleEngine.Or;
import io.usage4j.core.focus.RuleEngine.Product;
import io.usage4j.core.focus.RuleEngine.Ref;
import io.usage4j.core.focus.RuleEngine.Rule;
import io.usage4j.core.focus.RuleEngine.SameValue;
import io.usage4j.core.focus.RuleEngine.ValueIs;
import io.usage4j.core.focus.RuleEngine.ValueIsNot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The FOCUS rules usage4j checks: the FinOps Foundation's FOCUS 1.2 requirements model (shipped in this
 * jar with its licence, see {@code focus-model-1.2.LICENSE.txt} beside it), interpreted rule by rule,
 * plus rules written by hand from the FOCUS 1.3 text for the 1.3 columns the 1.2 model does not have.
 *
 * <p>The model is read and compiled once, on first use; {@link FocusValidator} then checks every row
 * against the compiled rules. {@link #modelRules()} lists every rule of the model with whether usage4j
 * evaluates it and how; dynamic rules (prose a program cannot check) are listed, not evaluated.
 *
 * <p>Where the model's machine encoding contradicts its own requirement text, usage4j follows the text
 * and says so in the rule's {@link FocusRule#note() note}, citing the upstream report.
 */
public final class FocusRules {
    static final String MODEL_RESOURCE = "focus-model-1.2.json";
    private static final String MODEL_SOURCE = "FinOps Foundation FOCUS 1.2 requirements model (focus_validator"
            + " rules/model-1.2.json @df515ce3)";

    /**
     * Where usage4j departs from the model's encoding, and why: the replacement requirement or condition
     * (model JSON), or "dynamic" for a rule whose condition cannot be read from the data.
     */
    private static final Map<String, String[]> ERRATA = Map.ofEntries(
            Map.entry("CommitmentDiscountStatus-C-003-C", new String[] {"requirement",
                "{\"CheckFunction\":\"CheckValue\",\"ColumnName\":\"CommitmentDiscountStatus\",\"Value\":null}",
                "the model checks 'not null' where its text says 'MUST be null' (FOCUS_Spec issue #1825)"}),
            Map.entry("CommitmentDiscountStatus-C-004-C", new String[] {"condition",
                "{\"CheckFunction\":\"AND\",\"Items\":[{\"CheckFunction\":\"CheckNotValue\",\"ColumnName\":\"CommitmentDiscountId\","
                        + "\"Value\":null},{\"CheckFunction\":\"CheckValue\",\"ColumnName\":\"ChargeCategory\",\"Value\":\"Usage\"}]}",
                "the model's condition is its sibling C-003-C's, inverted from the text (FOCUS_Spec issue #2393)"}),
            Map.entry("CommitmentDiscountStatus-C-005-M", new String[] {"requirement",
                "{\"CheckFunction\":\"OR\",\"Items\":[{\"CheckFunction\":\"CheckValue\",\"ColumnName\":\"CommitmentDiscountStatus\","
                        + "\"Value\":\"Used\"},{\"CheckFunction\":\"CheckValue\",\"ColumnName\":\"CommitmentDiscountStatus\",\"Value\":\"Unused\"}]}",
                "the model lists Active/Expired/Pending; the specification's values are Used and Unused (FOCUS_Spec issue #2418)"}),
            Map.entry("ConsumedQuantity-C-006-C", new String[] {"condition",
                "{\"CheckFunction\":\"CheckNotValue\",\"ColumnName\":\"ChargeClass\",\"Value\":\"Correction\"}",
                "the text says 'when ChargeClass is not \"Correction\"'; the model tests 'is \"Correction\"'"}),
            Map.entry("CommitmentDiscountQuantity-C-010-C", new String[] {"condition",
                "{\"CheckFunction\":\"CheckValue\",\"ColumnName\":\"ChargeCategory\",\"Value\":\"Purchase\"}",
                "the text says 'When ChargeCategory is \"Purchase\"'; the model tests ChargeCategory for null"}),
            Map.entry("Tags-C-003-C", new String[] {"condition",
                "{\"CheckFunction\":\"CheckNotValue\",\"ColumnName\":\"Tags\",\"Value\":null}",
                "the text says 'When Tags is not null'; the model tests 'Tags is null'"}),
            Map.entry("PricingCurrencyEffectiveCost-C-004-M", new String[] {"requirement",
                "{\"CheckFunction\":\"CheckDecimalValue\",\"ColumnName\":\"PricingCurrencyEffectiveCost\"}",
                "the text asks for a valid decimal PricingCurrencyEffectiveCost; the model tests PricingCurrencyListUnitPrice >= 0"}),
            Map.entry("ResourceId-C-006-C", new String[] {"condition",
                "{\"CheckFunction\":\"CheckNotValue\",\"ColumnName\":\"ResourceId\",\"Value\":null}",
                "the model names the condition's column under \"CheckCondition\" instead of \"ColumnName\""}),
            Map.entry("ResourceType-C-005-C", new String[] {"condition",
                "{\"CheckFunction\":\"CheckNotValue\",\"ColumnName\":\"ResourceId\",\"Value\":null}",
                "the model names the condition's column under \"CheckCondition\" instead of \"ColumnName\""}),
            Map.entry("EffectiveCost-C-005-C", new String[] {"dynamic", "",
                "the model encodes its condition as 'ChargeCategory is Purchase' alone, but the text adds 'and the purchase"
                        + " is intended to cover future eligible charges', which no column records; checking every Purchase"
                        + " row would flag purchases the rule does not cover"}));

    private static final class Holder {
        static final FocusRules STANDARD = load();
    }

    final Columns columns = new Columns();
    /** The model's dataset rule, CostAndUsage-D-000-M: every column rule, checked row by row. */
    final Rule root;
    /** Rules about the dataset's columns (presence), checked once per dataset. */
    final List<Rule> datasetRules;
    /** The hand-written FOCUS 1.3 rules checked row by row. */
    final List<Rule> rowRules;
    /** The columns FOCUS defines (1.2 model, catalogue, 1.3 additions), by name. */
    private final Set<String> focusColumns = new HashSet<>();
    private final String modelVersion;
    private final List<FocusRule> modelRules;
    private final List<FocusRule> handWrittenRules;
    private final Map<String, FocusRule> byId = new LinkedHashMap<>();

    /** The shipped FOCUS 1.2 requirements model and the hand-written FOCUS 1.3 rules, compiled once. */
    public static FocusRules standard() {
        return Holder.STANDARD;
    }

    private static FocusRules load() {
        try (InputStream in = FocusRules.class.getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the FOCUS model " + MODEL_RESOURCE + " is missing from the usage-core jar;"
                        + " the jar is damaged: use the released artifact");
            }
            return new FocusRules(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the FOCUS model " + MODEL_RESOURCE + " failed", e);
        }
    }

    /** Compiles a requirements model given as JSON text (the shipped one, or a test's). */
    @SuppressWarnings("unchecked")
    FocusRules(String modelJson) {
        Map<String, Object> model = (Map<String, Object>) Json.parse(modelJson);
        this.modelVersion = String.valueOf(((Map<String, Object>) model.get("Details")).get("FOCUSVersion"));
        Map<String, Map<String, Object>> json = (Map<String, Map<String, Object>>) (Map<String, ?>) model.get("ModelRules");
        for (FocusColumn column : FocusColumn.values()) {
            focusColumns.add(column.columnName());
            columns.of(column.columnName());
        }
        Map<String, Rule> rules = new LinkedHashMap<>();
        json.forEach((id, rule) -> {
            String reference = (String) rule.get("Reference");
            boolean columnRule = "Column".equals(rule.get("EntityType"));
            if (columnRule) {
                focusColumns.add(reference);
            }
            int column = columnRule ? columns.of(reference) : -1;
            String[] erratum = ERRATA.get(id);
            boolean dynamic = "Dynamic".equals(rule.get("Type")) || erratum != null && erratum[0].equals("dynamic");
            Map<String, Object> criteria = criteria(rule);
            rules.put(id, new Rule(id, (String) criteria(rule, "Keyword"), (String) criteria.get("MustSatisfy"),
                    applicability(id, rule), columnRule && id.contains("-C-000-") ? column : -1, column, dynamic));
        });
        Map<String, String> failures = new LinkedHashMap<>();
        json.forEach((id, rule) -> {
            Rule compiled = rules.get(id);
            if (compiled.dynamic) {
                return;
            }
            String[] erratum = ERRATA.get(id);
            try {
                Map<String, Object> requirement = (Map<String, Object>) criteria(rule, "Requirement");
                Map<String, Object> condition = (Map<String, Object>) criteria(rule, "Condition");
                if (erratum != null && erratum[0].equals("requirement")) {
                    requirement = (Map<String, Object>) Json.parse(erratum[1]);
                }
                if (erratum != null && erratum[0].equals("condition")) {
                    condition = (Map<String, Object>) Json.parse(erratum[1]);
                }
                compiled.requirement = expr(requirement, rules);
                compiled.condition = expr(condition, rules);
            } catch (RuntimeException unsupported) {
                compiled.requirement = null;
                failures.put(id, unsupported.getMessage());
            }
        });
        rules.values().forEach(r -> r.paired = pairsValues(r.condition));
        this.root = Objects.requireNonNull(rules.get("CostAndUsage-D-000-M"), "the model has no CostAndUsage-D-000-M");
        List<Rule> dataset = new ArrayList<>();
        json.forEach((id, rule) -> {
            if ("Presence".equals(rule.get("Function")) && rules.get(id).requirement != null) {
                dataset.add(rules.get(id));
            }
        });
        Set<String> viaFunctions = attributesCheckedThroughFunctions(model, json, rules);
        List<FocusRule> listed = new ArrayList<>();
        json.forEach((id, rule) -> listed.add(describe(id, rule, rules.get(id), failures.get(id), viaFunctions.contains(id))));
        this.modelRules = List.copyOf(listed);

        Focus13 focus13 = new Focus13(columns);
        focusColumns.addAll(Focus13.COLUMNS);
        dataset.addAll(focus13.datasetRules);
        this.datasetRules = List.copyOf(dataset);
        this.rowRules = List.copyOf(focus13.rowRules);
        this.handWrittenRules = List.copyOf(focus13.described);
        modelRules.forEach(r -> byId.put(r.id(), r));
        handWrittenRules.forEach(r -> byId.put(r.id(), r));
    }

    /** The FOCUS version of the requirements model ({@code 1.2}). */
    public String modelVersion() {
        return modelVersion;
    }

    /** Every rule of the requirements model, in the model's order, with how usage4j treats it. */
    public List<FocusRule> modelRules() {
        return modelRules;
    }

    /** The rules usage4j writes from the FOCUS 1.3 text for the columns the 1.2 model lacks. */
    public List<FocusRule> handWrittenRules() {
        return handWrittenRules;
    }

    /** The rule with this id, from the model or hand-written. */
    public Optional<FocusRule> rule(String id) {
        return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id is null")));
    }

    /** How many of the model's rules are static: checkable from the data. */
    public long staticRuleCount() {
        return modelRules.stream().filter(FocusRule::isStatic).count();
    }

    /** How many of the model's static rules usage4j evaluates. */
    public long evaluatedStaticRuleCount() {
        return modelRules.stream().filter(r -> r.isStatic() && r.evaluated()).count();
    }

    /** The model's dynamic rules: requirements in prose that no program checks from the data. */
    public List<FocusRule> dynamicRules() {
        return modelRules.stream().filter(FocusRule::dynamic).toList();
    }

    /** Whether {@code name} is a column FOCUS defines (in the 1.2 model or as a FOCUS 1.3 addition). */
    public boolean isFocusColumn(String name) {
        return focusColumns.contains(name);
    }

    // --- compiling ----------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Object> criteria(Map<String, Object> rule) {
        return (Map<String, Object>) rule.get("ValidationCriteria");
    }

    private static Object criteria(Map<String, Object> rule, String key) {
        return criteria(rule).get(key);
    }

    @SuppressWarnings("unchecked")
    private static Set<ApplicabilityCriterion> applicability(String id, Map<String, Object> rule) {
        Set<ApplicabilityCriterion> set = EnumSet.noneOf(ApplicabilityCriterion.class);
        for (Object name : (List<Object>) rule.get("ApplicabilityCriteria")) {
            try {
                set.add(ApplicabilityCriterion.valueOf((String) name));
            } catch (IllegalArgumentException unknown) {
                throw new IllegalStateException("rule " + id + " needs the applicability criterion " + name
                        + ", which usage4j does not know; update io.usage4j.core.ApplicabilityCriterion", unknown);
            }
        }
        return set;
    }

    @SuppressWarnings("unchecked")
    private Expr expr(Map<String, Object> node, Map<String, Rule> rules) {
        if (node == null || node.isEmpty()) {
            return null;
        }
        Object function = node.get("CheckFunction");
        if (function == null) {
            // The bare form {"AND": [...]} or {"AND": {...}} some rules use for a condition.
            for (String combinator : new String[] {"AND", "OR"}) {
                if (node.containsKey(combinator) && node.size() == 1) {
                    Object items = node.get(combinator);
                    List<Object> list = items instanceof List<?> l ? (List<Object>) l : List.of(items);
                    return combine(combinator, list, rules);
                }
            }
            throw new IllegalArgumentException("a check without a CheckFunction: " + node.keySet());
        }
        return switch ((String) function) {
            case "AND", "OR" -> combine((String) function, (List<Object>) node.get("Items"), rules);
            case "CheckModelRule" -> new Ref(Objects.requireNonNull(rules.get((String) node.get("ModelRuleId")),
                    () -> "no rule " + node.get("ModelRuleId")));
            case "ColumnPresent" -> new ColumnPresent(column(node, "ColumnName"));
            case "CheckValue" -> new ValueIs(column(node, "ColumnName"), literal(node.get("Value")));
            case "CheckNotValue" -> new ValueIsNot(column(node, "ColumnName"), literal(node.get("Value")));
            case "CheckSameValue" -> new SameValue(column(node, "ColumnAName"), column(node, "ColumnBName"), true);
            case "CheckNotSameValue" -> new SameValue(column(node, "ColumnAName"), column(node, "ColumnBName"), false);
            case "CheckDecimalValue" -> new DecimalValue(column(node, "ColumnName"));
            case "CheckGreaterOrEqualThanValue" -> new AtLeast(column(node, "ColumnName"), (BigDecimal) node.get("Value"));
            case "ColumnByColumnEqualsColumnValue" -> new Product(column(node, "ColumnAName"), column(node, "ColumnBName"),
                    column(node, "ResultColumnName"), columns.of("BillingCurrency"));
            case "CheckDistinctCount" -> {
                if (((BigDecimal) node.get("ExpectedCount")).compareTo(BigDecimal.ONE) != 0) {
                    throw new IllegalArgumentException("CheckDistinctCount with an ExpectedCount other than 1");
                }
                yield new DistinctCount(column(node, "ColumnAName"), column(node, "ColumnBName"));
            }
            case "CheckNationalCurrency" -> new FormatCheck(column(node, "ColumnName"), Format.NATIONAL_CURRENCY);
            case "TypeString" -> new FormatCheck(column(node, "ColumnName"), Format.STRING_TYPE);
            case "TypeDecimal" -> new FormatCheck(column(node, "ColumnName"), Format.DECIMAL_TYPE);
            case "TypeDateTime" -> new FormatCheck(column(node, "ColumnName"), Format.DATE_TIME_TYPE);
            case "FormatNumeric" -> new FormatCheck(column(node, "ColumnName"), Format.NUMERIC);
            case "FormatDateTime" -> new FormatCheck(column(node, "ColumnName"), Format.DATE_TIME);
            case "FormatString" -> new FormatCheck(column(node, "ColumnName"), Format.STRING);
            case "FormatKeyValue" -> new FormatCheck(column(node, "ColumnName"), Format.KEY_VALUE);
            case "FormatCurrency" -> new FormatCheck(column(node, "ColumnName"), Format.CURRENCY);
            case "FormatUnit" -> new FormatCheck(column(node, "ColumnName"), Format.UNIT);
            default -> throw new IllegalArgumentException("the check function " + function + " is not one usage4j knows");
        };
    }

    @SuppressWarnings("unchecked")
    private Expr combine(String combinator, List<Object> items, Map<String, Rule> rules) {
        List<Expr> compiled = new ArrayList<>();
        for (Object item : items) {
            compiled.add(expr((Map<String, Object>) item, rules));
        }
        if (combinator.equals("OR") && !compiled.isEmpty() && compiled.stream().allMatch(e -> e instanceof ValueIs v
                && v.literal instanceof String && v.column == ((ValueIs) compiled.get(0)).column)) {
            return new AllowedValues(((Check) compiled.get(0)).column,
                    compiled.stream().map(e -> (String) ((ValueIs) e).literal).toList());
        }
        return combinator.equals("AND") ? new And(List.copyOf(compiled)) : new Or(List.copyOf(compiled));
    }

    private int column(Map<String, Object> node, String key) {
        Object name = node.get(key);
        if (!(name instanceof String s)) {
            throw new IllegalArgumentException("the check has no " + key);
        }
        focusColumns.add(s);
        return columns.of(s);
    }

    private static Object literal(Object value) {
        return value; // null, a String, or a BigDecimal (numbers compare by value)
    }

    /**
     * The attribute rules the model links to its check functions (CheckFunctions.*.FormatAttributes, e.g.
     * FormatNumeric → NumericFormat-A-000-M) for the functions some compiled rule uses, and the static rules
     * they group: these are evaluated wherever a column is checked with that function.
     */
    @SuppressWarnings("unchecked")
    private static Set<String> attributesCheckedThroughFunctions(Map<String, Object> model,
            Map<String, Map<String, Object>> json, Map<String, Rule> rules) {
        Set<String> used = new HashSet<>();
        json.forEach((id, rule) -> {
            if (rules.get(id).requirement != null) {
                collectFunctions(criteria(rule, "Requirement"), used);
            }
        });
        Set<String> result = new HashSet<>();
        Map<String, Map<String, Object>> functions = (Map<String, Map<String, Object>>) (Map<String, ?>) model.get("CheckFunctions");
        List<String> pending = new ArrayList<>();
        functions.forEach((name, function) -> {
            if (used.contains(name)) {
                pending.addAll((List<String>) (List<?>) function.get("FormatAttributes"));
            }
        });
        while (!pending.isEmpty()) {
            String id = pending.remove(pending.size() - 1);
            Map<String, Object> rule = json.get(id);
            if (rule == null || !"Static".equals(rule.get("Type")) || !result.add(id)) {
                continue;
            }
            List<Object> refs = new ArrayList<>();
            collectRefs(criteria(rule, "Requirement"), refs);
            refs.forEach(ref -> pending.add((String) ref));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void collectFunctions(Object node, Set<String> into) {
        if (node instanceof Map<?, ?> map) {
            Object function = map.get("CheckFunction");
            if (function != null) {
                into.add((String) function);
            }
            ((Map<String, Object>) map).values().forEach(v -> collectFunctions(v, into));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectFunctions(v, into));
        }
    }

    @SuppressWarnings("unchecked")
    private static void collectRefs(Object node, List<Object> into) {
        if (node instanceof Map<?, ?> map) {
            if ("CheckModelRule".equals(map.get("CheckFunction"))) {
                into.add(map.get("ModelRuleId"));
            }
            ((Map<String, Object>) map).values().forEach(v -> collectRefs(v, into));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectRefs(v, into));
        }
    }

    /** Whether a condition asks for another column to have a value. */
    static boolean pairsValues(Expr condition) {
        if (condition instanceof ValueIsNot notNull) {
            return notNull.literal == null;
        }
        List<Expr> items = condition instanceof And and ? and.items() : condition instanceof Or or ? or.items() : List.of();
        return items.stream().anyMatch(FocusRules::pairsValues);
    }

    /** Whether the compiled rule checks anything itself or through the rules it groups. */
    private static boolean checksSomething(Expr expr, Set<Rule> visiting) {
        if (expr == null) {
            return false;
        }
        if (expr instanceof Check) {
            return true;
        }
        if (expr instanceof Ref ref) {
            Rule rule = ref.rule();
            return !rule.dynamic && visiting.add(rule) && checksSomething(rule.requirement, visiting);
        }
        List<Expr> items = expr instanceof And and ? and.items() : ((Or) expr).items();
        boolean any = false;
        for (Expr item : items) {
            any |= checksSomething(item, visiting);
        }
        return any;
    }

    private FocusRule describe(String id, Map<String, Object> rule, Rule compiled, String failure, boolean viaFunction) {
        String[] erratum = ERRATA.get(id);
        boolean modelDynamic = "Dynamic".equals(rule.get("Type"));
        boolean evaluated;
        String note;
        if (modelDynamic) {
            evaluated = false;
            note = "dynamic: the requirement is prose a program cannot check from the data";
        } else if (erratum != null && erratum[0].equals("dynamic")) {
            evaluated = false;
            note = "not evaluated: " + erratum[2];
        } else if (failure != null) {
            evaluated = false;
            note = "not evaluated: " + failure;
        } else if (viaFunction) {
            evaluated = true;
            note = "evaluated through the check function that names it, on every column that function checks";
        } else if (checksSomething(compiled.requirement, new HashSet<>())) {
            evaluated = true;
            note = erratum == null ? "evaluated" : "evaluated as its text says: " + erratum[2];
        } else {
            evaluated = true;
            note = "evaluated (applicability, condition, and the rules it groups), but every rule it groups is dynamic,"
                    + " so it never fails on its own";
        }
        if (erratum != null && evaluated && !note.contains(erratum[2])) {
            note = note + "; corrected from the model's encoding: " + erratum[2];
        }
        return new FocusRule(id, (String) rule.get("Reference"), (String) rule.get("Function"), compiled.keyword,
                compiled.criteria, compiled.text, modelDynamic, evaluated, note, MODEL_SOURCE);
    }

    /** The ids of the rules whose encoding usage4j corrects or declines (for tests). */
    static Set<String> erratumIds() {
        return Collections.unmodifiableSet(ERRATA.keySet());
    }
}
