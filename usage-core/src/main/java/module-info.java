/**
 * The usage4j domain: {@link io.usage4j.core.UsageRecord} (one FOCUS Cost and Usage row),
 * {@link io.usage4j.core.UsageQuery}, the {@link io.usage4j.core.UsageSource} port, query
 * planning, and FOCUS tools. Depends on nothing but the JDK at run time.
 */
@SuppressWarnings("requires-automatic") // Immutables annotations: an automatic module, compile time only
module io.usage4j.core {
    requires static org.immutables.value.annotations;

    exports io.usage4j.core;
    exports io.usage4j.core.plan;
    exports io.usage4j.core.focus;
}
