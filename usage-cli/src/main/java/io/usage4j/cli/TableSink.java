package io.usage4j.cli;

import io.usage4j.core.UsageRecord;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A readable table of totals: ConsumedQuantity summed per source, ServiceName and ConsumedUnit, with
 * the number of records and BilledCost totals per currency where the records carry a cost. Sums are
 * exact ({@code BigDecimal}); a group whose records report no quantity or no cost shows "-" rather than
 * a zero nobody reported. Sources are listed in the order given, services and units sorted.
 *
 * <p>Totals are per source, never per provider: two sources of one provider may describe the same usage
 * (Fastly's monthly and service-level datasets), and adding them would count it twice. A source is
 * labelled by its provider and, when it declares a usage view, the view's variant ({@code fastly (services)});
 * when two labels would be equal, by its usage URL. The TOTAL row adds costs across sources only when no
 * two overlapping sources both carry a cost; otherwise it says they were not summed.
 */
final class TableSink implements RecordSink {
    private static final String NONE = "-";

    private final PrintWriter out;
    private final List<Source> sourceOrder = new ArrayList<>();
    private final Map<Source, Map<Key, Totals>> groups = new LinkedHashMap<>();
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

    /** Declares the sources in order, so the table lists them that way even before their records come. */
    void sources(List<Source> sources) {
        for (Source source : sources) {
            if (!sourceOrder.contains(source)) {
                sourceOrder.add(source);
            }
        }
    }

    @Override
    public void begin(List<String> extensionColumns) {
        // a table has no extension columns
    }

    /** A record of a source known only by its provider (one source per provider). */
    @Override
    public void accept(String providerId, UsageRecord record) {
        accept(new Source(providerId, providerId, Optional.empty()), record);
    }

    @Override
    public void accept(Source source, UsageRecord record) {
        if (!sourceOrder.contains(source)) {
            sourceOrder.add(source);
        }
        Key key = new Key(record.serviceName().orElse(NONE), record.consumedUnit().orElse(NONE));
        groups.computeIfAbsent(source, p -> new TreeMap<>(Comparator.comparing(Key::service).thenComparing(Key::unit)))
                .computeIfAbsent(key, k -> new Totals()).add(record);
        all.add(record);
    }

    /** The totals so far, per source and group, for tests. */
    Map<Source, Map<Key, Totals>> groups() {
        return groups;
    }

    /** The label of each source in the table: provider and view variant, or the URL where labels collide. */
    Map<Source, String> labels() {
        Map<Source, String> labels = new LinkedHashMap<>();
        for (Source source : sourceOrder) {
            labels.put(source, source.providerId() + source.view().map(v -> " (" + v.variant() + ")").orElse(""));
        }
        List<String> first = List.copyOf(labels.values());
        for (Source source : sourceOrder) {
            String label = labels.get(source);
            if (first.stream().filter(label::equals).count() > 1) {
                labels.put(source, source.url());
            }
        }
        return labels;
    }

    @Override
    public void finish() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SOURCE", "SERVICE", "UNIT", "RECORDS", "CONSUMED QUANTITY", "BILLED COST"});
        Map<Source, String> labels = labels();
        for (Source source : sourceOrder) {
            String label = labels.get(source);
            Map<Key, Totals> byKey = groups.get(source);
            if (byKey == null) {
                rows.add(new String[] {label, "(no records)", "", "0", "", ""});
                continue;
            }
            byKey.forEach((key, totals) -> rows.add(new String[] {label, key.service(), key.unit(),
                    Numbers.grouped(BigDecimal.valueOf(totals.records)),
                    totals.quantity == null ? NONE : Numbers.grouped(totals.quantity), cost(totals)}));
        }
        rows.add(new String[] {"TOTAL", "", "", Numbers.grouped(BigDecimal.valueOf(all.records)), "",
                overlappingCosts() ? "not summed: overlapping sources" : cost(all)});
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

    /** Whether two sources that describe the same usage both carry a cost, so adding them would count it twice. */
    private boolean overlappingCosts() {
        List<Source> costed = sourceOrder.stream().filter(source -> groups.getOrDefault(source, Map.of()).values().stream()
                .anyMatch(totals -> !totals.cost.isEmpty())).toList();
        for (int i = 0; i < costed.size(); i++) {
            for (int j = i + 1; j < costed.size(); j++) {
                if (costed.get(i).overlaps(costed.get(j))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String cost(Totals totals) {
        if (totals.cost.isEmpty()) {
            return NONE;
        }
        List<String> parts = new ArrayList<>();
        totals.cost.forEach((currency, amount) -> parts.add(Numbers.grouped(amount) + " " + currency));
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
