package dev.cliproxy.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfiguredHeadersTest {

    @Test
    void addsHeadersResolvesClientReferencesAndReplacesSameNamedOnes() {
        Credential c = Credential.builder("id", "p").secret("k")
                .headers(Map.of("X-Static", "v", "X-Copied", "$X-Request-Tag", "X-Gone", "$x-absent",
                        "user-agent", "mine"))
                .build();
        UpstreamCall call = UpstreamCall.builder(c, "m", new byte[0]).clientHeaders(Map.of("x-request-tag", "t-1"))
                .build();
        UpstreamRequest.Builder request = UpstreamRequest.builder("GET", "http://u").header("User-Agent", "plugin/1")
                .header("X-Gone", "default");

        UpstreamRequest built = ConfiguredHeaders.apply(call, request).build();

        assertEquals(Map.of("X-Static", "v", "X-Copied", "t-1", "user-agent", "mine"), built.headers());
    }
}
