package io.usage4j.spark;

import io.usage4j.cli.sandbox.Sandbox;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.spark.sql.SparkSession;

/** One local SparkSession and one sandbox for a test class: local[2], no UI, two shuffle partitions. */
final class SparkFixture {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    private SparkFixture() {}

    static SparkSession session() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("usage4j-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.task.maxFailures", "1")
                .getOrCreate();
    }

    static Sandbox sandbox() {
        return Sandbox.builder().clock(CLOCK).faults(false).start();
    }
}
