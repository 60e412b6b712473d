package io.usage4j.cli;

import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageView;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Where fetched records go: a FOCUS CSV, JSON Lines or a table of totals. Called from one thread. */
interface RecordSink {

    /** Called once before the first record, with the extension columns any source may emit, in order. */
    void begin(List<String> extensionColumns);

    /** One record of the source whose provider is {@code providerId}. */
    void accept(String providerId, UsageRecord record);

    /** One record of {@code source}; a sink that does not tell sources apart takes it by provider. */
    default void accept(Source source, UsageRecord record) {
        accept(source.providerId(), record);
    }

    /** Called once after the last record (also after failures): write what is pending and flush. */
    void finish();

    /** One source of a fetch: its usage URL, provider and the usage view it declares, if any. */
    record Source(String url, String providerId, Optional<UsageView> view) {
        public Source {
            Objects.requireNonNull(url, "url is null");
            Objects.requireNonNull(providerId, "providerId is null");
            Objects.requireNonNull(view, "view is null");
        }

        /** The source's identity in an output holding several: the view's source key, else the usage URL. */
        String key() {
            return view.map(UsageView::sourceKey).orElse(url);
        }

        /** Whether this source and {@code other} describe the same usage: overlapping views, or the same URL. */
        boolean overlaps(Source other) {
            if (view.isPresent() && other.view.isPresent()) {
                return view.get().overlaps(other.view.get());
            }
            return url.equals(other.url);
        }
    }
}
