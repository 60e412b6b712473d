package io.usage4j.provider.cloudinary;

import static org.assertj.core.api.Assertions.assertThat;

import io.usage4j.core.Granularity;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.WindowUnit;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.UsageSources;
import io.usage4j.spi.kit.HttpKit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CloudinaryUsageSourceProviderTest {
    private final CloudinaryUsageSourceProvider provider = new CloudinaryUsageSourceProvider();

    @Test
    void capabilitiesSayOneCalendarYearPerRequestAndNameEveryExtensionColumn() {
        SourceCapabilities capabilities = provider.capabilities();

        assertThat(capabilities.windowUnit()).isEqualTo(WindowUnit.CALENDAR_YEARS);
        assertThat(capabilities.windowSize()).isEqualTo(1);
        assertThat(capabilities.granularity()).isEqualTo(Granularity.BILLING_CYCLE);
        assertThat(capabilities.pushedDownFilters()).isEmpty();
        assertThat(capabilities.lookback()).isEmpty();
        assertThat(capabilities.extensionColumns()).containsExactly("x_plan_name", "x_metric_limit", "x_cycle_usage",
                "x_breakdown_level", "x_account_usage", "x_environments_exceed_account", "x_annual_cycle_from_day", "x_annual_cycle_to_day", "x_annual_cycle_usage");
    }

    @Test
    void propertiesDeclareTheCredentialsTheAccountTheRegionAndTheKitsOwn() {
        Map<String, ProviderProperty> properties = provider.properties().stream()
                .collect(Collectors.toMap(ProviderProperty::name, Function.identity()));

        assertThat(properties.get("api_key").secret()).isTrue();
        assertThat(properties.get("api_key").required()).isTrue();
        assertThat(properties.get("api_key").environmentVariables()).containsExactly("CLOUDINARY_PROVISIONING_API_KEY");
        assertThat(properties.get("api_secret").secret()).isTrue();
        assertThat(properties.get("api_secret").environmentVariables()).containsExactly("CLOUDINARY_PROVISIONING_API_SECRET");
        assertThat(properties.get("account_id").secret()).isFalse();
        assertThat(properties.get("account_id").required()).as("the URL path may give it").isFalse();
        assertThat(properties.get("account_id").environmentVariables()).containsExactly("CLOUDINARY_ACCOUNT_ID");
        assertThat(properties).containsKeys("region", "prodenv_breakdown");
        assertThat(properties).containsKeys(HttpKit.commonProperties().stream().map(ProviderProperty::name).toArray(String[]::new));
        assertThat(provider.urlForms()).allSatisfy(form -> assertThat(form).startsWith("usage:cloudinary:"));
    }

    @Test
    void discoveryFindsTheProviderUnderItsId() {
        List<String> ids = UsageSources.builder().environment(name -> null).build().list().stream()
                .map(p -> p.id()).toList();

        assertThat(ids).contains("cloudinary");
        assertThat(provider.id()).isEqualTo("cloudinary");
    }
}
