package io.usage4j.cli;

import io.usage4j.core.UsageRecord;
import io.usage4j.core.focus.FocusCsvWriter;
import java.io.Writer;
import java.util.List;

/**
 * FOCUS CSV through the core writer; the header carries every extension column the sources declare.
 * Text cells are spreadsheet-safe unless {@link FocusCsvWriter.Cells#EXACT} is asked for ({@code --raw-csv}).
 */
final class CsvSink implements RecordSink {
    private final Writer out;
    private final FocusCsvWriter.Cells cells;
    private FocusCsvWriter writer;

    /** A CSV for people: spreadsheet-safe text cells. */
    CsvSink(Writer out) {
        this(out, FocusCsvWriter.Cells.SPREADSHEET_SAFE);
    }

    CsvSink(Writer out, FocusCsvWriter.Cells cells) {
        this.out = out;
        this.cells = cells;
    }

    @Override
    public void begin(List<String> extensionColumns) {
        writer = new FocusCsvWriter(out, extensionColumns, cells);
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
