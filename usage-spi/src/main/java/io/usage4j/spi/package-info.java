/** The usage4j plugin contract. */
package io.usage4j.spi;
