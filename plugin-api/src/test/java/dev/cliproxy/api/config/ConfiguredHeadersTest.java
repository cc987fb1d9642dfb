package dev.cliproxy.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.Operation;
import dev.cliproxy.api.UpstreamCall;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfiguredHeadersTest {

    @Test
    void addsHeadersResolvesClientReferencesAndReplacesSameNamedOnes() {
        Credential c = new Credential("id", "p", "", "k", "", "", "", List.of(), List.of(), 1, 0,
                Map.of("X-Static", "v", "X-Copied", "$X-Request-Tag", "X-Gone", "$x-absent", "user-agent", "mine"),
                Map.of());
        UpstreamCall call = new UpstreamCall("r", c, "m", new byte[0], false, Operation.GENERATE,
                Map.of("x-request-tag", "t-1"), null);
        Map<String, String> headers = new LinkedHashMap<>(Map.of("User-Agent", "plugin/1", "X-Gone", "default"));

        ConfiguredHeaders.apply(call, headers);

        assertEquals(Map.of("X-Static", "v", "X-Copied", "t-1", "user-agent", "mine"), headers);
    }
}
