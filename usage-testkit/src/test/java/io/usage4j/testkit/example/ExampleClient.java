package io.usage4j.testkit.example;

import feign.Param;
import feign.RequestLine;
import feign.Response;

/** The example usage API: daily usage, cursor-paged, {@code to} exclusive. */
public interface ExampleClient {
    @RequestLine("GET /v1/accounts/{account}/usage?from={from}&to={to}&cursor={cursor}")
    Response usage(@Param("account") String account, @Param("from") String from, @Param("to") String to,
            @Param("cursor") String cursor);
}
