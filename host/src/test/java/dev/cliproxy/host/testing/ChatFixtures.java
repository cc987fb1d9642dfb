package dev.cliproxy.host.testing;

import mockwebserver3.MockResponse;

/** OpenAI Chat Completions upstream answers for tests. */
public final class ChatFixtures {

    private ChatFixtures() {
    }

    /** A chat request body for client model {@code model}. */
    public static String request(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    /** A whole 200 completion saying {@code text}. */
    public static MockResponse ok(String text) {
        return json(200, "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"up-model\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text
                + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,"
                + "\"total_tokens\":2}}");
    }

    /** A 200 SSE stream saying {@code text} in two chunks, then {@code [DONE]}. */
    public static MockResponse stream(String text) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body(Sse.dataEvents(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
                        chunk("{\"content\":\"" + text + "\"}", "\"stop\""), "[DONE]"))
                .build();
    }

    /** One chat.completion.chunk JSON with {@code delta} and {@code finishReason} (JSON literal or null). */
    public static String chunk(String delta, String finishReason) {
        return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"up-model\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finishReason + "}]}";
    }

    /** An OpenAI-shaped error answer. */
    public static MockResponse error(int status, String message) {
        return json(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"upstream_error\"}}");
    }

    /** A 429 with {@code Retry-After: seconds}. */
    public static MockResponse quota(int retryAfterSeconds, String message) {
        return new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
                .addHeader("Retry-After", Integer.toString(retryAfterSeconds))
                .body("{\"error\":{\"message\":\"" + message + "\",\"type\":\"rate_limit_error\"}}").build();
    }

    public static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body)
                .build();
    }
}
