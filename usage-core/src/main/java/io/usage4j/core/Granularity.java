package io.usage4j.core;

/** The finest time resolution of the records a source returns. */
public enum Granularity {
    /** One record per day (a charge period of one UTC day). */
    DAY,
    /** One record per calendar month. */
    MONTH,
    /** One record per provider billing cycle, monthly or annual as the account's plan has it. */
    BILLING_CYCLE,
    /** Only the current billing period is available, as one span. */
    CURRENT_BILLING_PERIOD
}
