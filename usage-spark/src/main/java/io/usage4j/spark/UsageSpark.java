package io.usage4j.spark;

import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Helpers for {@code usage4j} reads. */
public final class UsageSpark {
    /** The data source's short name, for {@code spark.read().format(UsageSpark.FORMAT)}. */
    public static final String FORMAT = "usage4j";

    private UsageSpark() {}

    /**
     * The distinct usage URLs of {@code column} of {@code frame}, one per line, for the {@code urls}
     * option: {@code spark.read().format("usage4j").option("urls", UsageSpark.urls(accounts, "url"))}.
     * Collects the column to the driver (a few thousand short strings); null and blank values are skipped.
     */
    public static String urls(Dataset<Row> frame, String column) {
        Objects.requireNonNull(frame, "frame is null");
        Objects.requireNonNull(column, "column is null");
        List<Row> rows = frame.select(column).distinct().collectAsList();
        StringBuilder urls = new StringBuilder();
        rows.stream().map(row -> row.isNullAt(0) ? null : row.get(0).toString())
                .filter(url -> url != null && !url.isBlank()).map(String::trim).sorted()
                .forEach(url -> urls.append(url).append('\n'));
        return urls.toString();
    }
}
