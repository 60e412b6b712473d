/**
 * The usage4j domain model and port.
 *
 * <p>{@link io.usage4j.core.UsageSource#fetch(io.usage4j.core.UsageQuery)} answers a half-open
 * UTC date range with a lazy stream of {@link io.usage4j.core.UsageRecord}s, each one row of the
 * FinOps FOCUS 1.3 Cost and Usage dataset. Failures are {@link io.usage4j.core.UsageException}s.
 */
@UsageStyle
package io.usage4j.core;

import io.usage4j.core.internal.UsageStyle;
