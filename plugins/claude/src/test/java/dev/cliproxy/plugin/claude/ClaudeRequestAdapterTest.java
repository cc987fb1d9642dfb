package dev.cliproxy.plugin.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.Operation;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.formats.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClaudeRequestAdapterTest {

    private static final Credential KEY = Credential.builder("claude-1", "claude").secret("sk-ant-test-000001").build();

    private static byte[] adapt(String model, Operation op, String body) {
        UpstreamCall call = UpstreamCall.builder(KEY, model, body.getBytes(StandardCharsets.UTF_8)).operation(op)
                .build();
        return ClaudeRequestAdapter.INSTANCE.adapt(call, call.body());
    }

    private static JsonNode adaptJson(String model, Operation op, String body) {
        return Json.parse(adapt(model, op, body));
    }

    private static String thinking(int budget) {
        return "{\"model\":\"m\",\"max_tokens\":30000,\"temperature\":0.5,\"top_p\":0.9,\"top_k\":5,"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":" + budget + "},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    @Test
    void budgetModelsGetTheBodyUnchangedByteForByte() {
        byte[] body = thinking(8192).getBytes(StandardCharsets.UTF_8);
        UpstreamCall call = UpstreamCall.builder(KEY, "claude-sonnet-4-5-20250929", body).stream(true).build();

        assertSame(body, ClaudeRequestAdapter.INSTANCE.adapt(call, body));
    }

    @ParameterizedTest(name = "{0} budget {1} -> {2}")
    @CsvSource({
            "claude-opus-4-6, 1024, low",
            "claude-opus-4-6, 8192, medium",
            "claude-sonnet-4-6, 24576, high",
            "claude-opus-4-6, 32768, max",
            "claude-opus-4-7, 32768, xhigh",
            "claude-opus-5, 512, low"})
    void budgetBecomesAdaptiveThinkingWithTheBudgetsEffort(String model, int budget, String effort) {
        JsonNode out = adaptJson(model, Operation.GENERATE, thinking(budget));

        assertEquals("adaptive", out.at("/thinking/type").asText(), out.toString());
        assertFalse(out.path("thinking").has("budget_tokens"));
        assertEquals(effort, out.at("/output_config/effort").asText());
        assertEquals(30000, out.path("max_tokens").asInt());
    }

    @Test
    void adaptiveOnlyModelsLoseSamplingAndAskForTheThinkingSummary() {
        JsonNode out = adaptJson("claude-opus-4-7", Operation.GENERATE, thinking(8192));

        assertFalse(out.has("temperature") || out.has("top_p") || out.has("top_k"), out.toString());
        assertEquals("summarized", out.at("/thinking/display").asText());
    }

    @Test
    void deprecatedBudgetModelsKeepSamplingAndTheirDefaultDisplay() {
        JsonNode out = adaptJson("claude-opus-4-6", Operation.GENERATE, thinking(8192));

        assertEquals(0.5, out.path("temperature").asDouble());
        assertFalse(out.path("thinking").has("display"), out.toString());
    }

    @Test
    void anEffortTheClientAlreadyChoseIsKept() {
        String body = "{\"model\":\"m\",\"max_tokens\":100,\"thinking\":{\"type\":\"enabled\","
                + "\"budget_tokens\":2048},\"output_config\":{\"effort\":\"max\"},\"messages\":[]}";

        JsonNode out = adaptJson("claude-opus-4-7", Operation.GENERATE, body);

        assertEquals("max", out.at("/output_config/effort").asText());
    }

    @Test
    void adaptiveRequestsOnAdaptiveOnlyModelsOnlyLoseSampling() {
        String body = "{\"model\":\"m\",\"max_tokens\":100,\"thinking\":{\"type\":\"adaptive\"},\"temperature\":1,"
                + "\"messages\":[]}";

        JsonNode out = adaptJson("claude-opus-4-7", Operation.GENERATE, body);

        assertEquals("{\"type\":\"adaptive\"}", out.path("thinking").toString());
        assertFalse(out.has("temperature"));
    }

    @Test
    void tokenCountKeepsOnlyTheFieldsCountTokensAccepts() {
        String body = "{\"model\":\"m\",\"max_tokens\":8192,\"stream\":true,\"temperature\":0.2,\"metadata\":"
                + "{\"user_id\":\"u\"},\"stop_sequences\":[\"x\"],\"system\":[{\"type\":\"text\",\"text\":\"s\"}],"
                + "\"tools\":[],\"tool_choice\":{\"type\":\"auto\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        JsonNode out = adaptJson("claude-sonnet-4-5-20250929", Operation.COUNT_TOKENS, body);

        assertEquals("{\"model\":\"m\",\"system\":[{\"type\":\"text\",\"text\":\"s\"}],\"tools\":[],"
                + "\"tool_choice\":{\"type\":\"auto\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                out.toString());
    }

    @Test
    void tokenCountOfAnAdaptiveModelAlsoGetsAdaptiveThinking() {
        JsonNode out = adaptJson("claude-opus-4-7", Operation.COUNT_TOKENS, thinking(4096));

        assertEquals("adaptive", out.at("/thinking/type").asText());
        assertFalse(out.has("output_config") || out.has("max_tokens"), out.toString());
    }
}
