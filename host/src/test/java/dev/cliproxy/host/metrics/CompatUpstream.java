package dev.cliproxy.host.metrics;

import dev.cliproxy.host.testing.ProxyWithUpstream;
import mockwebserver3.MockResponse;

/** Config and canned answers for an OpenAI-compatible fake upstream, shared by the observability tests. */
public final class CompatUpstream {

    public static final String KEY = "client-key-0123456789";
    public static final String CHAT = "{\"model\":\"my-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private CompatUpstream() {
    }

    /**
     * A {@link ProxyWithUpstream} config template serving {@code my-model} from {@code keys} upstream keys, plus
     * {@code extra}.
     */
    public static String config(int keys, String extra) {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < keys; i++) {
            entries.append("          - api-key: up-key-secret-").append(i).append("-abcdef\n");
        }
        return """
                api-keys: ["%s"]
                openai-compatibility:
                  - name: fake
                    base-url: {upstream}/v1
                    api-key-entries:
                %s    models:
                      - name: upstream-model-x
                        alias: my-model
                %s
                """.formatted(KEY, entries, extra);
    }

    /** A successful chat completion with usage 3 in / 2 out. */
    public static MockResponse ok() {
        return json(200, """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"upstream-model-x",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"hi there"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}""");
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }
}
