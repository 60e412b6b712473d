package io.usage4j.testkit;

import io.usage4j.testkit.example.BrokenProviders;
import java.math.BigDecimal;
import java.util.List;
import io.usage4j.testkit.example.ExampleUsageSourceProvider;

/**
 * The conformance test run against each broken plugin. Not named *Test: the build does not run
 * these directly (they fail, on purpose); {@link ConformanceSuiteBitesTest} runs them and checks that
 * each fails the check meant to catch it.
 */
final class BrokenPlugins {
    private BrokenPlugins() {}

    static class LeakyToken extends ExampleConformance {
        @Override
        ExampleUsageSourceProvider plugin() {
            return new BrokenProviders.LeakyToken();
        }
    }

    static class RetriesBadRequest extends ExampleConformance {
        @Override
        ExampleUsageSourceProvider plugin() {
            return new BrokenProviders.RetriesBadRequest();
        }
    }

    static class IgnoresRetryAfter extends ExampleConformance {
        @Override
        ExampleUsageSourceProvider plugin() {
            return new BrokenProviders.IgnoresRetryAfter();
        }
    }

    static class Truncating extends ExampleConformance {
        @Override
        ExampleUsageSourceProvider plugin() {
            return new BrokenProviders.Truncating();
        }
    }

    /** Claims to be a module but its classes carry no module descriptor. */
    static class NoModuleDescriptor extends ExampleConformance {
        @Override
        ExampleUsageSourceProvider plugin() {
            return new ExampleUsageSourceProvider();
        }

        @Override
        protected boolean packagedAsModule() {
            return true;
        }
    }

    static class DependsOnAnotherProvider extends ExampleConformance {
        @Override
        ExampleUsageSourceProvider plugin() {
            return new io.usage4j.provider.mine.BorrowingProvider();
        }
    }

    static class ReachesIntoInternals extends ExampleConformance {
        @Override
        ExampleUsageSourceProvider plugin() {
            return new io.usage4j.testkit.internals.InternalsProvider();
        }
    }

    static class DoubleCounting extends ExampleConformance {
        @Override
        ExampleUsageSourceProvider plugin() {
            return new BrokenProviders.DoubleCounting();
        }
    }

    /** A correct plugin whose author claims a total its fixtures do not add up to. */
    static class WrongTotal extends ExampleConformance {
        @Override
        ExampleUsageSourceProvider plugin() {
            return new ExampleUsageSourceProvider();
        }

        @Override
        protected List<DocumentedTotal> documentedTotals() {
            return List.of(DocumentedTotal.of("requests, 2025-01-01..03", fetch(), new BigDecimal("3700.49"))
                    .rows(r -> r.skuMeter().orElse("").equals("requests")));
        }
    }

    static class NeverCloses extends ExampleConformance {
        @Override
        ExampleUsageSourceProvider plugin() {
            return new BrokenProviders.NeverCloses();
        }
    }

    static class Unregistered extends ExampleConformance {
        @Override
        ExampleUsageSourceProvider plugin() {
            return new BrokenProviders.Unregistered();
        }
    }
}
