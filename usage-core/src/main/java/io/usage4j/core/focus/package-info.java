/**
 * FOCUS tools: the column catalogue ({@link io.usage4j.core.focus.FocusColumn}), the rules
 * ({@link io.usage4j.core.focus.FocusRules}: the FinOps Foundation's FOCUS requirements model, interpreted,
 * and hand-written FOCUS 1.3 rules), the row and dataset validator
 * ({@link io.usage4j.core.focus.FocusValidator}) and a streaming FOCUS CSV writer
 * ({@link io.usage4j.core.focus.FocusCsvWriter}).
 */
package io.usage4j.core.focus;
