package io.usage4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A metric catalogue")
class MetricDescriptionTest {

    @Test
    @DisplayName("keeps the id, an optional name and the provider's fields in order")
    void values() {
        MetricDescription metric = MetricDescription.builder().id("workers_standard_requests")
                .name("Workers Standard Requests").putAttributes("x_ProductFamilyName", "Workers")
                .putAttributes("DimensionKeys", "account").build();
        assertThat(metric.name()).hasValue("Workers Standard Requests");
        assertThat(metric.attributes().keySet()).containsExactly("x_ProductFamilyName", "DimensionKeys");
        assertThatThrownBy(() -> MetricDescription.builder().id(" ").build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("is unsupported by a source that publishes none, with a message naming the provider")
    void unsupportedByDefault() {
        UsageSource source = new UsageSource() {
            @Override
            public String providerId() {
                return "plain";
            }

            @Override
            public SourceCapabilities capabilities() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Stream<UsageRecord> fetch(UsageQuery query) {
                return Stream.empty();
            }

            @Override
            public void close() {
                // nothing held
            }
        };
        UsageQuery query = UsageQuery.between(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-02"));
        assertThatThrownBy(() -> source.metrics(query)).isInstanceOf(UnsupportedQueryException.class)
                .hasMessageContaining("plain publishes no metric catalogue");
        assertThatThrownBy(() -> source.metrics(null)).isInstanceOf(NullPointerException.class).hasMessage("query is null");
    }
}
