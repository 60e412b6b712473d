package io.usage4j.cli.sandbox;

import java.util.concurrent.atomic.AtomicInteger;

/** Which requests get an injected fault: decided by counting, so every run injects the same ones. */
final class Faults {
    private final boolean enabled;
    private final AtomicInteger cloudflareRequests = new AtomicInteger();
    private final AtomicInteger fastlyFirstPages = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();

    Faults(boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether this Cloudflare request, counted from 1, is the one answered 429 (the second). */
    boolean rateLimitCloudflare() {
        return enabled && cloudflareRequests.incrementAndGet() == 2 && count();
    }

    /** Whether this request for the first page of Fastly's service usage is the one answered 503 (the first). */
    boolean failFastlyFirstPage() {
        return enabled && fastlyFirstPages.incrementAndGet() == 1 && count();
    }

    private boolean count() {
        served.incrementAndGet();
        return true;
    }

    int served() {
        return served.get();
    }
}
