package io.usage4j.testkit;

import io.usage4j.testkit.example.ExampleUsageSourceProvider;

/** The example plugin, correct: every check passes. */
class ExampleConformanceTest extends ExampleConformance {
    @Override
    ExampleUsageSourceProvider plugin() {
        return new ExampleUsageSourceProvider();
    }
}
