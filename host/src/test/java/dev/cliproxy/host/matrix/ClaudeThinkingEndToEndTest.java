package dev.cliproxy.host.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An OpenAI client's {@code reasoning_effort} reaches each Claude model in the thinking form that model accepts:
 * a budget for older models, adaptive thinking with an effort for Opus/Sonnet 4.6 and later.
 */
class ClaudeThinkingEndToEndTest {

    @RegisterExtension
    static final MatrixFixture fixture = new MatrixFixture();

    @ParameterizedTest(name = "{0} with effort {1}")
    @CsvSource({
            "claude-sonnet-4-5-20250929, high, enabled, , true",
            "claude-opus-4-6, high, adaptive, high, true",
            "claude-opus-4-6, xhigh, adaptive, max, true",
            "claude-opus-4-7, high, adaptive, high, false",
            "claude-opus-4-7, xhigh, adaptive, xhigh, false",
            "claude-sonnet-5, low, adaptive, low, false"})
    void reasoningEffortBecomesTheThinkingFormTheModelAccepts(String model, String effort, String type,
                                                              String outputEffort, boolean samplingAllowed) {
        String marker = MatrixFixture.marker();
        String body = "{\"model\":\"" + model + "\",\"reasoning_effort\":\"" + effort + "\",\"top_p\":0.97,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Think " + marker + "\"}]}";

        HttpResponse<String> r = fixture.proxy().send(fixture.proxy().request("/v1/chat/completions")
                .version(HttpClient.Version.HTTP_1_1).header("Authorization", "Bearer " + MatrixFixture.CLIENT_KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());

        assertEquals(200, r.statusCode(), r.body());
        JsonNode sent = fixture.fake.receivedJson(marker);
        assertEquals(model, sent.path("model").asText());
        assertEquals(type, sent.at("/thinking/type").asText(), sent.toString());
        if (outputEffort == null) {
            assertEquals(24576, sent.at("/thinking/budget_tokens").asInt(), sent.toString());
        } else {
            assertEquals(outputEffort, sent.at("/output_config/effort").asText(), sent.toString());
            assertFalse(sent.path("thinking").has("budget_tokens"), sent.toString());
        }
        assertEquals(samplingAllowed, sent.has("top_p"), "top_p: " + sent);
    }
}
