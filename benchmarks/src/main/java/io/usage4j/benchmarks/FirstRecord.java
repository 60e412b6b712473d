package io.usage4j.benchmarks;

import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.spi.UsageSources;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Run in a fresh JVM by {@code Harness footprint} on exactly the class path a user of
 * {@code provider-cloudflare} gets (plus this class): opens a Cloudflare source against the loopback
 * server named by {@code args[0]}, prints {@code first-record} as soon as the first record is read,
 * then exits. Uses only the public API, discovered through {@link java.util.ServiceLoader}.
 */
public final class FirstRecord {
    private FirstRecord() {}

    public static void main(String[] args) {
        Map<String, String> properties = Map.of("token", "benchmark-token", "base_url", args[0]);
        try (UsageSource source = UsageSources.builder().environment(name -> null).build()
                .openSource("usage:cloudflare:" + Payloads.CLOUDFLARE_ACCOUNT + "?dataset=usage", properties);
                Stream<UsageRecord> records = source.fetch(UsageQuery.between(LocalDate.of(2025, 5, 1),
                        LocalDate.of(2025, 6, 1)))) {
            Iterator<UsageRecord> iterator = records.iterator();
            if (!iterator.hasNext()) {
                System.out.println("no-record");
                System.exit(2);
            }
            iterator.next();
            System.out.println("first-record");
            System.out.flush();
        }
    }
}
