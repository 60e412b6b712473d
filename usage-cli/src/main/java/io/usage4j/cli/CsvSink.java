package io.usage4j.cli;

import io.usage4j.core.UsageRecord;
import io.usage4j.core.focus.FocusCsvWriter;
import java.io.Writer;
import java.util.List;

/** FOCUS CSV through the core writer; the header carries every extension column the sources declare. */
final class CsvSink implements RecordSink {
    private final Writer out;
    private FocusCsvWriter writer;

    CsvSink(Writer out) {
        this.out = out;
    }

    @Override
    public void begin(List<String> extensionColumns) {
        writer = new FocusCsvWriter(out, extensionColumns);
    }

    @Override
    public void accept(String providerId, UsageRecord record) {
        writer.write(record);
    }

    @Override
    public void finish() {
        if (writer != null) {
            writer.flush();
        }
    }

    long rows() {
        return writer == null ? 0 : writer.rowsWritten();
    }
}
