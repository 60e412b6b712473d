package io.usage4j.cli;

import io.usage4j.core.UsageRecord;
import java.util.List;

/** Where fetched records go: a FOCUS CSV, JSON Lines or a table of totals. Called from one thread. */
interface RecordSink {

    /** Called once before the first record, with the extension columns any source may emit, in order. */
    void begin(List<String> extensionColumns);

    /** One record of the source whose provider is {@code providerId}. */
    void accept(String providerId, UsageRecord record);

    /** Called once after the last record (also after failures): write what is pending and flush. */
    void finish();
}
