/**
 * An embedded stand-in for the providers' billing APIs, serving generated usage on loopback for the
 * demo and the tests: {@link io.usage4j.cli.sandbox.Sandbox}.
 */
package io.usage4j.cli.sandbox;
