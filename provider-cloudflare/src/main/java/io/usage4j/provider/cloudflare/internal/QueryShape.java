package io.usage4j.provider.cloudflare.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a rated-cost query asks Cloudflare for besides the window: grouping ({@code group_by}), tag
 * filters ({@code tag_filter}) and product families ({@code product_family_ids}), read from the source's
 * URL options or properties and overridable per query through {@code UsageQuery.options()}.
 *
 * <ul>
 *   <li>{@code group_by}: at most two unique keys, comma-separated; {@code tag:<key>} is a resource-tag
 *       key (case-sensitive), any other value a dimension key such as {@code account} or {@code zone};
 *   <li>{@code tag_filter}: {@code key=value|value;key2=} — filters separated by {@code ;}, values of
 *       one key by {@code |} (ORed); an empty value ({@code key2=}) matches a key-only tag;
 *   <li>{@code product_family_ids}: comma-separated product-family UUIDs.
 * </ul>
 *
 * <p>The strings Cloudflare expects in {@code GroupBy.Type} and the dimension keys are not published;
 * they are {@linkplain #GROUP_TYPE_TAG inferred} and kept here, in one place each.
 */
public record QueryShape(List<UsageQueryBody.GroupBy> groupBy, List<UsageQueryBody.TagFilter> tagFilters,
        List<String> productFamilyIds) {

    /** Option: grouping keys. */
    public static final String GROUP_BY = "group_by";
    /** Option: resource-tag filters. */
    public static final String TAG_FILTER = "tag_filter";
    /** Option: product-family ids. */
    public static final String PRODUCT_FAMILY_IDS = "product_family_ids";
    /** The options, in documentation order. */
    public static final List<String> OPTIONS = List.of(GROUP_BY, TAG_FILTER, PRODUCT_FAMILY_IDS);

    /** {@code GroupBy.Type} of a resource-tag key. Inferred: no published source names the value. */
    public static final String GROUP_TYPE_TAG = "tag";
    /** {@code GroupBy.Type} of a dimension key. Inferred: no published source names the value. */
    public static final String GROUP_TYPE_DIMENSION = "dimension";
    /**
     * The dimension keys known to exist. Inferred from the record documentation ("omitted when account /
     * zone is not part of the requested grouping"); other keys are sent as given.
     */
    public static final Set<String> KNOWN_DIMENSIONS = Set.of("account", "zone");
    /** The {@code group_by} prefix of a tag key. */
    public static final String TAG_PREFIX = "tag:";
    /** At most this many grouping keys ("At most two unique keys may be supplied"). */
    public static final int MAX_GROUP_KEYS = 2;

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Nothing besides the window. */
    public static final QueryShape NONE = new QueryShape(List.of(), List.of(), List.of());

    /** Copies the lists. */
    public QueryShape {
        groupBy = List.copyOf(groupBy);
        tagFilters = List.copyOf(tagFilters);
        productFamilyIds = List.copyOf(productFamilyIds);
    }

    /**
     * The shape the options read by {@code option} describe.
     *
     * @throws IllegalArgumentException with a message naming the option and the fix, if a value is malformed
     */
    public static QueryShape parse(Function<String, Optional<String>> option) {
        return new QueryShape(
                option.apply(GROUP_BY).map(QueryShape::parseGroupBy).orElse(List.of()),
                option.apply(TAG_FILTER).map(QueryShape::parseTagFilter).orElse(List.of()),
                option.apply(PRODUCT_FAMILY_IDS).map(QueryShape::parseProductFamilies).orElse(List.of()));
    }

    /** This shape with the options a query sets replacing this one's. */
    public QueryShape with(Map<String, String> queryOptions) {
        if (queryOptions.isEmpty()) {
            return this;
        }
        QueryShape override = parse(name -> Optional.ofNullable(queryOptions.get(name)).map(String::trim));
        return new QueryShape(
                queryOptions.containsKey(GROUP_BY) ? override.groupBy : groupBy,
                queryOptions.containsKey(TAG_FILTER) ? override.tagFilters : tagFilters,
                queryOptions.containsKey(PRODUCT_FAMILY_IDS) ? override.productFamilyIds : productFamilyIds);
    }

    /** Whether the query groups or filters by tags or dimensions: what a data source may refuse with HTTP 400. */
    public boolean groupsOrFiltersTags() {
        return !groupBy.isEmpty() || !tagFilters.isEmpty();
    }

    /**
     * The POST body for the window {@code [from, to)}: {@code metric} (null to leave {@code Metric} out),
     * the metric ids to filter on (empty for all), and this shape.
     */
    public UsageQueryBody body(LocalDate from, LocalDate to, String metric, Collection<String> metricIds) {
        UsageQueryBody.FilterBy filter = new UsageQueryBody.FilterBy(List.copyOf(new LinkedHashSet<>(metricIds)),
                productFamilyIds, tagFilters);
        return new UsageQueryBody(new UsageQueryBody.TimePeriod(from.toString(), to.toString()), metric,
                filter.isEmpty() ? null : filter, groupBy);
    }

    /** The grouping and tag filters as the user wrote them, for messages. */
    public String describeGrouping() {
        List<String> parts = new ArrayList<>();
        if (!groupBy.isEmpty()) {
            parts.add(GROUP_BY + "=" + groupBy.stream()
                    .map(g -> g.type().equals(GROUP_TYPE_TAG) ? TAG_PREFIX + g.key() : g.key())
                    .collect(Collectors.joining(",")));
        }
        if (!tagFilters.isEmpty()) {
            parts.add(TAG_FILTER + "=" + tagFilters.stream()
                    .map(f -> f.key() + "=" + String.join("|", f.values())).collect(Collectors.joining(";")));
        }
        return String.join(" and ", parts);
    }

    static List<UsageQueryBody.GroupBy> parseGroupBy(String text) {
        List<UsageQueryBody.GroupBy> keys = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String entry = part.trim();
            UsageQueryBody.GroupBy key;
            if (entry.startsWith(TAG_PREFIX)) {
                String tag = entry.substring(TAG_PREFIX.length()).trim();
                if (tag.isEmpty()) {
                    throw invalid(GROUP_BY, text, "'" + TAG_PREFIX + "' needs a tag key, e.g. tag:team");
                }
                key = new UsageQueryBody.GroupBy(GROUP_TYPE_TAG, tag);
            } else if (entry.isEmpty()) {
                throw invalid(GROUP_BY, text, "an empty key; separate keys with one comma");
            } else {
                key = new UsageQueryBody.GroupBy(GROUP_TYPE_DIMENSION, entry.toLowerCase(Locale.ROOT));
            }
            if (keys.contains(key)) {
                throw invalid(GROUP_BY, text, "'" + entry + "' is given twice; keys must be unique");
            }
            keys.add(key);
        }
        if (keys.size() > MAX_GROUP_KEYS) {
            throw invalid(GROUP_BY, text, "Cloudflare groups by at most " + MAX_GROUP_KEYS + " keys");
        }
        return keys;
    }

    static List<UsageQueryBody.TagFilter> parseTagFilter(String text) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (String part : text.split(";", -1)) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0 || part.substring(0, eq).isBlank()) {
                throw invalid(TAG_FILTER, text, "'" + part.trim() + "' is not key=value[|value...]"
                        + " (an empty value, key=, matches a key-only tag)");
            }
            String key = part.substring(0, eq).trim();
            if (filters.containsKey(key)) {
                throw invalid(TAG_FILTER, text, "tag key '" + key + "' is given twice; put its values in one filter, "
                        + key + "=a|b");
            }
            List<String> values = new ArrayList<>();
            for (String value : part.substring(eq + 1).split("\\|", -1)) {
                String trimmed = value.trim();
                if (values.contains(trimmed)) {
                    throw invalid(TAG_FILTER, text, "value '" + trimmed + "' of tag key '" + key + "' is given twice");
                }
                values.add(trimmed);
            }
            filters.put(key, values);
        }
        List<UsageQueryBody.TagFilter> result = new ArrayList<>();
        filters.forEach((key, values) -> result.add(new UsageQueryBody.TagFilter(key, values)));
        return result;
    }

    static List<String> parseProductFamilies(String text) {
        Set<String> ids = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String id = part.trim().toLowerCase(Locale.ROOT);
            if (id.isEmpty()) {
                continue;
            }
            if (!UUID.matcher(id).matches()) {
                throw invalid(PRODUCT_FAMILY_IDS, text, "'" + part.trim() + "' is not a UUID; Cloudflare takes"
                        + " product-family ids (the x_ProductFamilyId of a record), e.g. 3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    private static IllegalArgumentException invalid(String option, String text, String why) {
        return new IllegalArgumentException("option '" + option + "' (got '" + text + "'): " + why);
    }
}
