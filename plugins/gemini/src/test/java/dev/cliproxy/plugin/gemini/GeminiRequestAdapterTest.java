package dev.cliproxy.plugin.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.Operation;
import dev.cliproxy.api.UpstreamCall;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiRequestAdapterTest {

    private static final Credential KEY = Credential.builder("g", "gemini").secret("k").build();

    private static String adapt(Operation op, String body) {
        UpstreamCall call = UpstreamCall.builder(KEY, "gemini-2.5-flash", body.getBytes(StandardCharsets.UTF_8))
                .operation(op).build();
        return new String(GeminiRequestAdapter.INSTANCE.adapt(call, call.body()), StandardCharsets.UTF_8);
    }

    @Test
    void generateBodiesPassUnchanged() {
        byte[] body = "{\"contents\":[],\"systemInstruction\":{\"parts\":[]}}".getBytes(StandardCharsets.UTF_8);
        UpstreamCall call = UpstreamCall.builder(KEY, "m", body).stream(true).build();

        assertSame(body, GeminiRequestAdapter.INSTANCE.adapt(call, body));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "contents only stay as they are|{\"contents\":[{\"parts\":[{\"text\":\"a\"}]}]}"
                    + "|{\"contents\":[{\"parts\":[{\"text\":\"a\"}]}]}",
            "a model field is removed from contents-only bodies|{\"model\":\"x\",\"contents\":[]}|{\"contents\":[]}",
            "a whole request is wrapped with the model|{\"contents\":[],\"systemInstruction\":{\"parts\":[]},"
                    + "\"tools\":[]}|{\"generateContentRequest\":{\"model\":\"models/gemini-2.5-flash\","
                    + "\"contents\":[],\"systemInstruction\":{\"parts\":[]},\"tools\":[]}}",
            "a wrapped request gets the upstream model|{\"generateContentRequest\":{\"model\":\"models/alias\","
                    + "\"contents\":[]}}|{\"generateContentRequest\":{\"model\":\"models/gemini-2.5-flash\","
                    + "\"contents\":[]}}",
            "a wrapped request naming the model stays|{\"generateContentRequest\":{\"model\":"
                    + "\"models/gemini-2.5-flash\",\"contents\":[]}}|{\"generateContentRequest\":{\"model\":"
                    + "\"models/gemini-2.5-flash\",\"contents\":[]}}"})
    void tokenCountBodiesTakeAShapeCountTokensAccepts(String what, String in, String expected) {
        assertEquals(expected, adapt(Operation.COUNT_TOKENS, in));
    }
}
