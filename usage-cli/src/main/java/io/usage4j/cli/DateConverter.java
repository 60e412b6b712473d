package io.usage4j.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a {@code YYYY-MM-DD} date, with a message that says what is expected. */
public final class DateConverter implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a date of the form YYYY-MM-DD");
        }
    }
}
