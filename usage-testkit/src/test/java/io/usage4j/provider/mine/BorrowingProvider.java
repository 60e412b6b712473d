package io.usage4j.provider.mine;

import io.usage4j.provider.other.OtherProviderHelper;
import io.usage4j.testkit.example.ExampleUsageSourceProvider;

/** Broken on purpose: a provider that uses another provider's class. */
public class BorrowingProvider extends ExampleUsageSourceProvider {
    @Override
    public String id() {
        return OtherProviderHelper.accountPrefix().isEmpty() ? "never" : "example-borrowing";
    }
}
