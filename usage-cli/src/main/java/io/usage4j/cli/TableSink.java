package io.usage4j.cli;

import io.usage4j.core.UsageRecord;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A readable table of totals: ConsumedQuantity summed per provider, ServiceName and ConsumedUnit, with
 * the number of records and BilledCost totals per currency where the records carry a cost. Sums are
 * exact ({@code BigDecimal}); a group whose records report no quantity or no cost shows "-" rather than
 * a zero nobody reported. Providers are listed in the order of the sources, services and units sorted.
 */
final class TableSink implements RecordSink {
    private static final String NONE = "-";

    private final PrintWriter out;
    private final List<String> providerOrder = new ArrayList<>();
    private final Map<String, Map<Key, Totals>> groups = new LinkedHashMap<>();
    private final Totals all = new Totals();

    TableSink(PrintWriter out) {
        this.out = out;
    }

    /** One group of the table. */
    record Key(String service, String unit) {}

    /** The totals of one group. */
    static final class Totals {
        long records;
        BigDecimal quantity;
        final Map<String, BigDecimal> cost = new TreeMap<>();

        void add(UsageRecord record) {
            records++;
            record.consumedQuantity().ifPresent(q -> quantity = quantity == null ? q : quantity.add(q));
            record.billedCost().ifPresent(c -> cost.merge(record.billingCurrency().orElse("(no currency)"), c, BigDecimal::add));
        }
    }

    /** Declares the providers in source order, so the table lists them that way even before their records come. */
    void providers(List<String> providerIds) {
        for (String id : providerIds) {
            if (!providerOrder.contains(id)) {
                providerOrder.add(id);
            }
        }
    }

    @Override
    public void begin(List<String> extensionColumns) {
        // a table has no extension columns
    }

    @Override
    public void accept(String providerId, UsageRecord record) {
        if (!providerOrder.contains(providerId)) {
            providerOrder.add(providerId);
        }
        Key key = new Key(record.serviceName().orElse(NONE), record.consumedUnit().orElse(NONE));
        groups.computeIfAbsent(providerId, p -> new TreeMap<>(Comparator.comparing(Key::service).thenComparing(Key::unit)))
                .computeIfAbsent(key, k -> new Totals()).add(record);
        all.add(record);
    }

    /** The totals so far, per provider and group, for tests. */
    Map<String, Map<Key, Totals>> groups() {
        return groups;
    }

    @Override
    public void finish() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PROVIDER", "SERVICE", "UNIT", "RECORDS", "CONSUMED QUANTITY", "BILLED COST"});
        for (String provider : providerOrder) {
            Map<Key, Totals> byKey = groups.get(provider);
            if (byKey == null) {
                rows.add(new String[] {Terminal.inert(provider), "(no records)", "", "0", "", ""});
                continue;
            }
            // provider text is made inert: the table is for a terminal
            byKey.forEach((key, totals) -> rows.add(new String[] {Terminal.inert(provider), Terminal.inert(key.service()),
                    Terminal.inert(key.unit()),
                    Numbers.grouped(BigDecimal.valueOf(totals.records)),
                    totals.quantity == null ? NONE : Numbers.grouped(totals.quantity), cost(totals)}));
        }
        rows.add(new String[] {"TOTAL", "", "", Numbers.grouped(BigDecimal.valueOf(all.records)), "", cost(all)});
        int[] widths = new int[6];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            if (r == rows.size() - 1 && r > 1) {
                out.println(rule(widths));
            }
            out.println(format(rows.get(r), widths));
            if (r == 0) {
                out.println(rule(widths));
            }
        }
        out.flush();
    }

    private static String cost(Totals totals) {
        if (totals.cost.isEmpty()) {
            return NONE;
        }
        List<String> parts = new ArrayList<>();
        totals.cost.forEach((currency, amount) -> parts.add(Numbers.grouped(amount) + " " + Terminal.inert(currency)));
        return String.join(" + ", parts);
    }

    private static String format(String[] row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            boolean numeric = i >= 3;
            String cell = row[i];
            String pad = " ".repeat(widths[i] - cell.length());
            line.append(numeric ? pad + cell : cell + pad);
            if (i < row.length - 1) {
                line.append("  ");
            }
        }
        return line.toString().stripTrailing();
    }

    private static String rule(int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            line.append("-".repeat(widths[i]));
            if (i < widths.length - 1) {
                line.append("  ");
            }
        }
        return line.toString();
    }
}
