package io.usage4j.core.focus;

import io.usage4j.core.focus.RuleEngine.ColumnPresent;
import io.usage4j.core.focus.RuleEngine.Columns;
import io.usage4j.core.focus.RuleEngine.Expr;
import io.usage4j.core.focus.RuleEngine.Format;
import io.usage4j.core.focus.RuleEngine.FormatCheck;
import io.usage4j.core.focus.RuleEngine.Rule;
import io.usage4j.core.focus.RuleEngine.ValueIs;
import io.usage4j.core.focus.RuleEngine.ValueIsNot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rules for the FOCUS 1.3 Cost and Usage columns the 1.2 requirements model does not have, written by
 * hand from the 1.3 text until the Foundation's 1.3 model can ship. Each cites the section of the
 * specification it comes from (the column's page under {@code specification/datasets/cost_and_usage/columns/}
 * in the FOCUS_Spec repository, at the commit quoted). Their ids start with {@code focus-1.3:} so they are
 * never mistaken for the model's.
 *
 * <p>The Allocated columns and ContractApplied are conditional (split cost allocation, contract
 * commitments); their rules apply when a dataset has the column.
 */
final class Focus13 {
    static final Set<String> COLUMNS = Set.of("ServiceProviderName", "HostProviderName", "AllocatedMethodId",
            "AllocatedMethodDetails", "AllocatedResourceId", "AllocatedResourceName", "AllocatedTags", "ContractApplied");

    private static final String COLUMN_PAGES = "FOCUS 1.3, Cost and Usage dataset, column ";

    final List<Rule> datasetRules = new ArrayList<>();
    final List<Rule> rowRules = new ArrayList<>();
    final List<FocusRule> described = new ArrayList<>();
    private final Columns columns;

    Focus13(Columns columns) {
        this.columns = columns;
        int spn = columns.of("ServiceProviderName");
        int hpn = columns.of("HostProviderName");
        int methodId = columns.of("AllocatedMethodId");
        int methodDetails = columns.of("AllocatedMethodDetails");
        int resourceId = columns.of("AllocatedResourceId");
        int resourceName = columns.of("AllocatedResourceName");
        int tags = columns.of("AllocatedTags");
        int contract = columns.of("ContractApplied");

        String spnPage = COLUMN_PAGES + "Service Provider Name (serviceprovidername.md @085459e3)";
        dataset("ServiceProviderName", "MUST", "ServiceProviderName MUST be present in a FOCUS dataset.", spnPage,
                new ColumnPresent(spn));
        row("ServiceProviderName", "not-null", "MUST NOT", "ServiceProviderName MUST NOT be null.", spnPage, spn, null,
                new ValueIsNot(spn, null));
        row("ServiceProviderName", "string", "MUST", "ServiceProviderName MUST conform to StringHandling requirements.", spnPage,
                spn, null, new FormatCheck(spn, Format.STRING));

        String hpnPage = COLUMN_PAGES + "Host Provider Name (hostprovidername.md @03c652c3)";
        dataset("HostProviderName", "MUST", "HostProviderName MUST be present in a FOCUS dataset.", hpnPage, new ColumnPresent(hpn));
        row("HostProviderName", "not-null", "MUST NOT", "HostProviderName MUST NOT be null (\"Not Applicable\" when no"
                + " infrastructure is involved or the host cannot be determined).", hpnPage, hpn, null, new ValueIsNot(hpn, null));
        row("HostProviderName", "string", "MUST", "HostProviderName MUST conform to StringHandling requirements.", hpnPage,
                hpn, null, new FormatCheck(hpn, Format.STRING));

        String methodIdPage = COLUMN_PAGES + "Allocated Method Id (allocatedmethodid.md @0a167c5b)";
        row("AllocatedMethodId", "string", "MUST", "AllocatedMethodId MUST conform to StringHandling requirements.",
                methodIdPage, methodId, null, new FormatCheck(methodId, Format.STRING));

        String detailsPage = COLUMN_PAGES + "Allocated Method Details (allocatedmethoddetails.md, 1.3 release)";
        row("AllocatedMethodDetails", "json-object", "MUST", "AllocatedMethodDetails MUST be a JSON object of"
                + " {\"Elements\": [objects]} whose elements carry no nested value.", detailsPage, methodDetails, null,
                new FormatCheck(methodDetails, Format.ELEMENTS_OBJECT));
        row("AllocatedMethodDetails", "null-when-not-allocated", "MUST", "AllocatedMethodDetails MUST be null when the"
                + " charge is not related to a split cost allocation (AllocatedMethodId is null).", detailsPage, methodDetails,
                new ValueIs(methodId, null), new ValueIs(methodDetails, null));
        row("AllocatedMethodDetails", "not-null-when-allocated", "SHOULD NOT", "AllocatedMethodDetails SHOULD NOT be null"
                + " when the charge is related to a split cost allocation.", detailsPage, methodDetails,
                new ValueIsNot(methodId, null), new ValueIsNot(methodDetails, null));

        String resourceIdPage = COLUMN_PAGES + "Allocated Resource Id (allocatedresourceid.md @00d4b9bd)";
        row("AllocatedResourceId", "string", "MUST", "AllocatedResourceId MUST conform to StringHandling requirements.",
                resourceIdPage, resourceId, null, new FormatCheck(resourceId, Format.STRING));
        row("AllocatedResourceId", "null-when-not-allocated", "MUST", "AllocatedResourceId MUST be null when the charge is"
                + " not related to a split cost allocation (AllocatedMethodId is null).", resourceIdPage, resourceId,
                new ValueIs(methodId, null), new ValueIs(resourceId, null));

        String resourceNamePage = COLUMN_PAGES + "Allocated Resource Name (allocatedresourcename.md @0da1788e)";
        row("AllocatedResourceName", "null-with-id", "MUST", "AllocatedResourceName MUST be null when AllocatedResourceId"
                + " is null.", resourceNamePage, resourceName, new ValueIs(resourceId, null), new ValueIs(resourceName, null));
        row("AllocatedResourceName", "not-null-with-id", "MUST NOT", "AllocatedResourceName MUST NOT be null when"
                + " AllocatedResourceId is not null.", resourceNamePage, resourceName, new ValueIsNot(resourceId, null),
                new ValueIsNot(resourceName, null));

        String tagsPage = COLUMN_PAGES + "Allocated Tags (allocatedtags.md @005e8b61)";
        row("AllocatedTags", "key-value", "MUST", "AllocatedTags MUST conform to KeyValueFormat requirements.", tagsPage,
                tags, null, new FormatCheck(tags, Format.KEY_VALUE));
        row("AllocatedTags", "null-when-not-allocated", "MUST", "AllocatedTags MUST be null when the charge is not"
                + " related to a split cost allocation (AllocatedMethodId is null).", tagsPage, tags,
                new ValueIs(methodId, null), new ValueIs(tags, null));

        String contractPage = COLUMN_PAGES + "Contract Applied (contractapplied.md @f1eeb30a)";
        row("ContractApplied", "json-object", "MUST", "ContractApplied MUST be a JSON object conforming to"
                + " ContractAppliedObject: {\"Elements\": [objects]} whose elements carry no nested value.", contractPage,
                contract, null, new FormatCheck(contract, Format.ELEMENTS_OBJECT));
        row("ContractApplied", "string", "MUST", "ContractApplied MUST conform to StringHandling requirements.",
                contractPage, contract, null, new FormatCheck(contract, Format.STRING));
    }

    private void dataset(String column, String keyword, String text, String source, Expr requirement) {
        Rule rule = new Rule("focus-1.3:" + column + "-presence", keyword, text, Set.of(), -1, -1, false);
        rule.requirement = requirement;
        datasetRules.add(rule);
        describe(rule, column, "Presence", source);
    }

    private void row(String column, String name, String keyword, String text, String source, int gatedColumn,
            Expr condition, Expr requirement) {
        Rule rule = new Rule("focus-1.3:" + column + "-" + name, keyword, text, Set.of(), gatedColumn, columns.of(column), false);
        rule.condition = condition;
        rule.requirement = requirement;
        rule.paired = FocusRules.pairsValues(condition);
        rowRules.add(rule);
        describe(rule, column, condition == null ? "Format" : "Nullability", source);
    }

    private void describe(Rule rule, String column, String function, String source) {
        described.add(new FocusRule(rule.id, column, function, rule.keyword, Set.of(), rule.text, false, true,
                "hand-written from the FOCUS 1.3 text; the 1.2 model has no rule for this column", source));
    }
}
