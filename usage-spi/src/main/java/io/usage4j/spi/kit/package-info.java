/**
 * The adapter kit for provider authors: {@link io.usage4j.spi.kit.HttpKit} builds the Feign client,
 * runs requests under one retry and error policy, and turns paged and windowed endpoints into lazy
 * streams. Embedders never need this package.
 */
package io.usage4j.spi.kit;
