/**
 * Apache Spark DataSource V2 reader {@code usage4j}: FOCUS usage of many provider accounts as a
 * DataFrame, one input partition per (usage URL × provider window), planned on the driver without
 * fetching and read by the executors through {@link io.usage4j.spi.UsageSources}.
 *
 * <pre>{@code
 * Dataset<Row> usage = spark.read().format("usage4j")
 *         .option("from", "2025-01-01").option("to", "2026-01-01")
 *         .option("cloudflare.token", token)
 *         .load("usage:cloudflare:<account_a>,usage:cloudflare:<account_b>");
 * }</pre>
 *
 * <p>Options: see {@link io.usage4j.spark.UsageDataSource}.
 */
package io.usage4j.spark;
