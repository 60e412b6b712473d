/**
 * The usage4j plugin contract ({@code io.usage4j.spi}) and the adapter kit provider authors share
 * ({@code io.usage4j.spi.kit}).
 */
module io.usage4j.spi {
    requires transitive io.usage4j.core;
    requires transitive com.fasterxml.jackson.databind;
    requires transitive feign.core;
    requires dev.failsafe.core;
    requires org.slf4j;

    uses io.usage4j.spi.UsageSourceProvider;

    exports io.usage4j.spi;
    exports io.usage4j.spi.kit;
}
