package io.usage4j.provider.cloudflare.internal;

import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.kit.HttpKit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One window of a query and where it sits among the query's windows. Whatever Cloudflare does at a
 * window's edge, a record is kept by exactly one window: the one its ChargePeriodStart falls in (the
 * first window also keeps records starting before the query, the last those starting after it). So a
 * day answered by two requests is never counted twice.
 */
record OwnedWindow(Window window, boolean first, boolean last) {

    /** The windows of a query, each knowing whether it is first or last. */
    static List<OwnedWindow> of(List<Window> windows) {
        List<OwnedWindow> owned = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            owned.add(new OwnedWindow(windows.get(i), i == 0, i == windows.size() - 1));
        }
        return owned;
    }

    /** Whether this window is the one that keeps {@code record}. */
    boolean owns(UsageRecord record) {
        Instant start = record.chargePeriodStart();
        return (first || !start.isBefore(window.startInstant())) && (last || start.isBefore(window.endInstant()));
    }

    /**
     * The result of a 2xx envelope; a {@code "success": false} envelope is an error, never an empty answer.
     *
     * @throws UnreadableResponseException if the envelope is missing, unsuccessful or has no result array
     */
    static <T> List<T> result(CloudflareEnvelope<T> envelope, String what, HttpKit kit) {
        if (envelope == null) {
            throw new UnreadableResponseException(CloudflareMapper.PROVIDER_ID, what + " answered no JSON envelope", null);
        }
        if (!envelope.succeeded()) {
            throw new UnreadableResponseException(CloudflareMapper.PROVIDER_ID, kit.redact(what
                    + " answered a successful HTTP status but its envelope says \"success\": " + envelope.success() + ": "
                    + CloudflareErrors.describe(envelope.errorList())
                    + "; check that the account may read this dataset (it is restricted) and the query"), null);
        }
        if (envelope.result() == null) {
            throw new UnreadableResponseException(CloudflareMapper.PROVIDER_ID, what
                    + " answered \"success\": true without a result array", null);
        }
        return envelope.result();
    }
}
