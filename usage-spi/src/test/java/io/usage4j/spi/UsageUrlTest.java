package io.usage4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usage4j.core.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageUrlTest {

    @Test
    void parsesTheDocumentedForms() {
        UsageUrl cloudflare = UsageUrl.parse("usage:cloudflare:023e105f4ecef8ad9ca31a8372d0c353?dataset=paygo");
        assertThat(cloudflare.provider()).isEqualTo("cloudflare");
        assertThat(cloudflare.path()).isEqualTo("023e105f4ecef8ad9ca31a8372d0c353");
        assertThat(cloudflare.options()).containsExactly(Map.entry("dataset", "paygo"));

        UsageUrl fastly = UsageUrl.parse("usage:fastly:");
        assertThat(fastly.provider()).isEqualTo("fastly");
        assertThat(fastly.path()).isEmpty();
        assertThat(fastly.options()).isEmpty();

        UsageUrl latitude = UsageUrl.parse("usage:latitude:proj_123?products=si_a,si_b");
        assertThat(latitude.options()).containsExactly(Map.entry("products", "si_a,si_b"));

        assertThat(UsageUrl.parse("  usage:my-provider2:x  ").provider()).isEqualTo("my-provider2");
        assertThat(UsageUrl.parse("usage:p:a:b/c").path()).isEqualTo("a:b/c");
    }

    @Test
    void decodesPathAndOptionsKeepingTheirOrder() {
        UsageUrl url = UsageUrl.parse("usage:p:acct%2F1?z=%C3%A9t%C3%A9&a=x%26y%3Dz&flag&&empty=&plus=a+b");
        assertThat(url.path()).isEqualTo("acct/1");
        assertThat(url.options()).containsExactly(Map.entry("z", "été"), Map.entry("a", "x&y=z"), Map.entry("flag", ""),
                Map.entry("empty", ""), Map.entry("plus", "a b"));
        assertThatThrownBy(() -> url.options().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void duplicateOptionsAreRefused() {
        assertThatThrownBy(() -> UsageUrl.parse("usage:p:x?a=1&b=2&a=3"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("[p] usage URL option 'a' is given twice");
        assertThatThrownBy(() -> UsageUrl.parse("usage:p:x?a=1&%61=2"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'a' is given twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloudflare:abc", "usage:", "usage:cloudflare", "usage::abc", "usage:Cloudflare:abc",
            "usage:1p:abc", "usage:p_q:abc", "https://api.example.com", "", "USAGE:p:x"})
    void malformedUrlsAreRefusedShowingTheExpectedForm(String text) {
        assertThatThrownBy(() -> UsageUrl.parse(text))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not a usage URL: expected usage:<provider>:<path>[?key=value&...]");
    }

    @Test
    void malformedUrlMessagesHideTheQuery() {
        assertThatThrownBy(() -> UsageUrl.parse("usage:Bad:x?token=hunter2hunter2"))
                .hasMessageContaining("'usage:Bad:x?...'")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void malformedEscapesAreRefusedWithoutTheQuery() {
        assertThatThrownBy(() -> UsageUrl.parse("usage:p:x%zz"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("has a malformed %-escape");
        assertThatThrownBy(() -> UsageUrl.parse("usage:p:x?token=abcd%ZZsecret"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("malformed %-escape")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> UsageUrl.parse(null)).isInstanceOf(NullPointerException.class).hasMessage("url is null");
    }

    @Test
    void toStringMasksOptionsWhoseNamesLookLikeCredentials() {
        UsageUrl url = UsageUrl.parse("usage:p:acct?dataset=paygo&api_key=k1&Token=t1&client_secret=s1&password=p1&x=1");
        assertThat(url).hasToString("usage:p:acct?dataset=paygo&api_key=****&Token=****&client_secret=****&password=****&x=1");
        assertThat(UsageUrl.parse("usage:fastly:")).hasToString("usage:fastly:");
    }

    @Test
    void equalityIsByValue() {
        assertThat(UsageUrl.parse("usage:p:a?x=1")).isEqualTo(UsageUrl.parse("usage:p:a?x=%31"))
                .hasSameHashCodeAs(UsageUrl.parse("usage:p:a?x=%31"))
                .isNotEqualTo(UsageUrl.parse("usage:p:a?x=2"))
                .isNotEqualTo(UsageUrl.parse("usage:q:a?x=1"))
                .isNotEqualTo(UsageUrl.parse("usage:p:b?x=1"));
    }
}
