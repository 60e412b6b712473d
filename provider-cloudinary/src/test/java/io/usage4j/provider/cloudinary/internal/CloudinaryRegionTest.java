package io.usage4j.provider.cloudinary.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CloudinaryRegionTest {

    @Test
    void hostsAndAliasesSelectTheRegionalBaseUrl() {
        assertThat(CloudinaryRegion.named("api").orElseThrow().baseUrl()).isEqualTo("https://api.cloudinary.com");
        assertThat(CloudinaryRegion.named("us").orElseThrow().baseUrl()).isEqualTo("https://api.cloudinary.com");
        assertThat(CloudinaryRegion.named("api-eu").orElseThrow().baseUrl()).isEqualTo("https://api-eu.cloudinary.com");
        assertThat(CloudinaryRegion.named(" EU ").orElseThrow().baseUrl()).isEqualTo("https://api-eu.cloudinary.com");
        assertThat(CloudinaryRegion.named("api-ap").orElseThrow().baseUrl()).isEqualTo("https://api-ap.cloudinary.com");
        assertThat(CloudinaryRegion.named("ap").orElseThrow().baseUrl()).isEqualTo("https://api-ap.cloudinary.com");
    }

    @Test
    void anythingElseIsNoRegion() {
        assertThat(CloudinaryRegion.named("api-us")).isEmpty();
        assertThat(CloudinaryRegion.named("")).isEmpty();
        assertThat(CloudinaryRegion.named("eu.cloudinary.com")).isEmpty();
    }
}
