package dev.cliproxy.host.amp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code ampcode} section of the config, read once per config change.
 *
 * @param upstreamUrl             the Amp control plane ({@code upstream-url}), without a trailing slash; empty when
 *                                none is configured
 * @param upstreamApiKey          the default upstream key ({@code upstream-api-key}); empty falls back to the
 *                                environment and Amp's secrets file ({@link AmpKeys})
 * @param upstreamKeyByClientKey  {@code upstream-api-keys}: client key -> the upstream key its requests carry
 * @param restrictToLocalhost     {@code restrict-management-to-localhost}
 * @param mappings                {@code model-mappings}
 * @param forceMappings           {@code force-model-mappings}: a mapping wins even over a model served locally
 */
record AmpSettings(String upstreamUrl, String upstreamApiKey, Map<String, String> upstreamKeyByClientKey,
                   boolean restrictToLocalhost, ModelMappings mappings, boolean forceMappings) {

    /** The settings of the {@code ampcode} node (missing or not an object: nothing configured). */
    static AmpSettings of(JsonNode ampcode) {
        JsonNode a = ampcode == null ? MissingNode.getInstance() : ampcode;
        String url = a.path("upstream-url").asText("").trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return new AmpSettings(url, a.path("upstream-api-key").asText("").trim(),
                keyMap(a.path("upstream-api-keys")), a.path("restrict-management-to-localhost").asBoolean(false),
                ModelMappings.of(a.path("model-mappings")), a.path("force-model-mappings").asBoolean(false));
    }

    /** Each listed client key to its entry's upstream key; the first entry listing a client key wins. */
    private static Map<String, String> keyMap(JsonNode entries) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode e : entries) {
            String upstream = e.path("upstream-api-key").asText("").trim();
            if (upstream.isEmpty()) {
                continue;
            }
            for (JsonNode client : e.path("api-keys")) {
                String k = client.asText("").trim();
                if (!k.isEmpty()) {
                    out.putIfAbsent(k, upstream);
                }
            }
        }
        return Map.copyOf(out);
    }

    /** Whether an upstream is configured (else the proxied routes answer 503 and nothing is forwarded). */
    boolean hasUpstream() {
        return !upstreamUrl.isEmpty();
    }

    @Override
    public String toString() {
        return "AmpSettings[upstreamUrl=" + upstreamUrl + ", " + upstreamKeyByClientKey.size()
                + " mapped client key(s)]";
    }
}
