/**
 * The usage4j conformance testkit: extend {@link io.usage4j.testkit.UsageSourceConformanceTest} in a
 * plugin's tests, describe its fixtures as {@link io.usage4j.testkit.Scenario}s, and assert records with
 * {@link io.usage4j.testkit.UsageRecordAssert}.
 */
package io.usage4j.testkit;
