/** Query planning: cutting a query into a provider's request windows and applying filters on the client. */
package io.usage4j.core.plan;
