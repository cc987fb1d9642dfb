package dev.cliproxy.host.testing;

import java.util.List;

/**
 * Config templates for {@link ProxyWithUpstream}: one OpenAI-compatible provider at the fake upstream serving its
 * {@code up-model} to clients as {@code m}.
 */
public final class CompatConfig {

    private CompatConfig() {
    }

    /** Client key {@code clientKey}, one upstream account per key of {@code upstreamKeys}, and {@code settings}. */
    public static String withKeys(String clientKey, List<String> upstreamKeys, String settings) {
        StringBuilder entries = new StringBuilder();
        upstreamKeys.forEach(k -> entries.append("      - api-key: ").append(k).append('\n'));
        return """
                api-keys: ["%s"]
                %s
                openai-compatibility:
                  - name: fake
                    base-url: {upstream}/v1
                    api-key-entries:
                %s    models:
                      - name: up-model
                        alias: m
                """.formatted(clientKey, settings, entries);
    }
}
