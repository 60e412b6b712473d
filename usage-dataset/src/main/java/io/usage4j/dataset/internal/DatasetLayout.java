package io.usage4j.dataset.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a partition lives: Hive-style directories
 * {@code provider=<id>/view=<view>/billing_account_id=<id>/charge_month=<YYYY-MM>/part-0.parquet}, the
 * month being that of ChargePeriodStart in UTC. Values are escaped the way Hive escapes them
 * ({@code %XX} for {@code / \ = % :} and control characters...), so any account id makes one directory level.
 */
public final class DatasetLayout {
    /** The file name of a partition's data. */
    public static final String PART = "part-0.parquet";
    /** The dataset metadata file (FOCUS Recency and the sync state), at the dataset root. */
    public static final String METADATA = "_focus_metadata.json";
    /** Temporary files are hidden (a leading dot) and do not end in {@code .parquet}, so no reader globs them. */
    public static final Pattern TEMPORARY = Pattern.compile("\\..+\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

    private static final Pattern PARTITION = Pattern.compile(
            "provider=([^/]+)/view=([^/]+)/billing_account_id=([^/]+)/charge_month=(\\d{4}-\\d{2})/" + Pattern.quote(PART));
    private static final String UNSAFE = "\"#%'*/:=?\\{[]^";

    private DatasetLayout() {}

    /** A partition's identity. */
    public record Partition(String provider, String view, String billingAccountId, YearMonth month) {
        /** The path relative to the dataset root, with {@code /} separators. */
        public String relativePath() {
            return "provider=" + escape(provider) + "/view=" + escape(view) + "/billing_account_id=" + escape(billingAccountId)
                    + "/charge_month=" + month + "/" + PART;
        }

        /** The file under {@code root}. */
        public Path file(Path root) {
            Path path = root;
            for (String part : relativePath().split("/")) {
                path = path.resolve(part);
            }
            return path;
        }
    }

    /** The partition a relative path (with {@code /} separators) names, if it follows the layout. */
    public static Optional<Partition> parse(String relativePath) {
        Matcher matcher = PARTITION.matcher(relativePath);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Partition(unescape(matcher.group(1)), unescape(matcher.group(2)),
                    unescape(matcher.group(3)), YearMonth.parse(matcher.group(4))));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /** {@code path} relative to {@code root}, with {@code /} separators. */
    public static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    /** Hive's escaping of a partition value. */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c < 0x20 || c == 0x7f || c >= 0x80 || UNSAFE.indexOf(c) >= 0) {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            } else {
                out.append((char) c);
            }
        }
        if (out.length() == 0) {
            return "%00"; // an empty value still makes one directory level; unescape maps it back
        }
        if (out.charAt(0) == '.') {
            out.replace(0, 1, "%2E"); // never "." or "..", never a hidden directory
        }
        return out.toString();
    }

    /** The inverse of {@link #escape}. */
    public static String unescape(String value) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()) {
                bytes.write(HexFormat.fromHexDigits(value, i + 1, i + 3));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.equals("\0") ? "" : text;
    }
}
