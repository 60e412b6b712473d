/**
 * FOCUS tools: the column catalogue ({@link io.usage4j.core.focus.FocusColumn}), the row validator
 * ({@link io.usage4j.core.focus.FocusValidator}) and a streaming FOCUS CSV writer
 * ({@link io.usage4j.core.focus.FocusCsvWriter}).
 */
package io.usage4j.core.focus;
