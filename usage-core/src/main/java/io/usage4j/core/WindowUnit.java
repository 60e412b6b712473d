package io.usage4j.core;

/** How a source's API cuts time into requests; see {@link SourceCapabilities#windowSize()}. */
public enum WindowUnit {
    /** Windows of up to {@code windowSize} days, starting at the query's first day. */
    DAYS,
    /** Whole calendar months, up to {@code windowSize} per request. */
    CALENDAR_MONTHS,
    /** Whole calendar years, up to {@code windowSize} per request. */
    CALENDAR_YEARS,
    /** The API has no date parameters: it answers with the current billing period only. */
    CURRENT_BILLING_PERIOD
}
