package dev.cliproxy.formats.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.cliproxy.formats.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GeminiReasoningFilterTest {

    private static final GeminiCodec CODEC = new GeminiCodec();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBodyWithoutTaggedSignaturesIsReturnedAsIs() {
        byte[] body = bytes("{\"contents\":[{\"role\":\"model\",\"parts\":[{\"text\":\"t\",\"thought\":true,"
                + "\"thoughtSignature\":\"cmF3\"}]}]}");
        assertSame(body, CODEC.dropForeignReasoning(body));
    }

    @Test
    void unreadableBodiesAreReturnedAsIs() {
        byte[] body = bytes("{\"contents\": [cpx1:claude:x");
        assertSame(body, CODEC.dropForeignReasoning(body));
    }

    @Test
    void geminiTagsAreUnwrappedAndForeignReasoningIsDropped() {
        byte[] body = bytes("""
                {"contents":[
                  {"role":"user","parts":[{"text":"hi"}]},
                  {"role":"model","parts":[
                    {"text":"claude thinking","thought":true,"thoughtSignature":"cpx1:claude:Q2w="},
                    {"text":"gemini thinking","thought":true,"thoughtSignature":"cpx1:gemini:R2Vt"},
                    {"text":"answer","thought_signature":"cpx1:openai-response:ZW5j"},
                    {"functionCall":{"name":"f","args":{}},"thoughtSignature":"cpx1:claude:QQ=="},
                    {"functionCall":{"name":"g","args":{}},"thoughtSignature":"cpx1:claude:Qg=="}]},
                  {"role":"model","parts":[{"text":"","thoughtSignature":"cpx1:claude:QQ=="}]},
                  {"role":"user","parts":[{"text":"more"}]}],
                 "generationConfig":{"temperature":0.5}}""");
        assertEquals(Json.parse(bytes("""
                {"contents":[
                  {"role":"user","parts":[{"text":"hi"}]},
                  {"role":"model","parts":[
                    {"text":"gemini thinking","thought":true,"thoughtSignature":"R2Vt"},
                    {"text":"answer"},
                    {"functionCall":{"name":"f","args":{}},"thoughtSignature":"skip_thought_signature_validator"},
                    {"functionCall":{"name":"g","args":{}}}]},
                  {"role":"user","parts":[{"text":"more"}]}],
                 "generationConfig":{"temperature":0.5}}""")), Json.parse(CODEC.dropForeignReasoning(body)));
    }

    @Test
    void countTokensWrappersAreFilteredToo() {
        byte[] body = bytes("{\"generateContentRequest\":{\"model\":\"models/x\",\"contents\":[{\"role\":\"model\","
                + "\"parts\":[{\"text\":\"t\",\"thought\":true,\"thoughtSignature\":\"cpx1:gemini:cmF3\"}]}]}}");
        assertEquals(Json.parse(bytes("{\"generateContentRequest\":{\"model\":\"models/x\",\"contents\":[{\"role\":"
                + "\"model\",\"parts\":[{\"text\":\"t\",\"thought\":true,\"thoughtSignature\":\"cmF3\"}]}]}}")),
                Json.parse(CODEC.dropForeignReasoning(body)));
    }
}
