package dev.cliproxy.formats.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.formats.GoldenFiles;
import dev.cliproxy.formats.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ForeignReasoningFilterTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("responses");

    private final ResponsesCodec codec = new ResponsesCodec();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bodyWithoutTagIsReturnedItself() {
        byte[] body = GOLDEN.bytes("request-codex-multiturn.json");
        assertSame(body, codec.dropForeignReasoning(body));
    }

    @Test
    void foreignReasoningIsRemovedAndOwnIsUnwrapped() {
        byte[] body = utf8("""
                {"model":"gpt-5","temperature":0.70,"input":[
                  {"role":"user","content":"hi"},
                  {"type":"reasoning","summary":[],"encrypted_content":"cpx1:claude:EqQBCkYIBBgC"},
                  {"type":"reasoning","summary":[{"type":"summary_text","text":"s"}],
                   "encrypted_content":"cpx1:openai-response:gAAAA-own"},
                  {"type":"reasoning","summary":[],"encrypted_content":"gAAAA-untagged"},
                  {"type":"message","role":"assistant","content":[{"type":"output_text","text":"hello"}]}
                ]}""");
        byte[] out = codec.dropForeignReasoning(body);
        assertEquals(Json.parse(utf8("""
                {"model":"gpt-5","temperature":0.70,"input":[
                  {"role":"user","content":"hi"},
                  {"type":"reasoning","summary":[{"type":"summary_text","text":"s"}],
                   "encrypted_content":"gAAAA-own"},
                  {"type":"reasoning","summary":[],"encrypted_content":"gAAAA-untagged"},
                  {"type":"message","role":"assistant","content":[{"type":"output_text","text":"hello"}]}
                ]}""")), Json.parse(out));
        assertTrue(new String(out, StandardCharsets.UTF_8).contains("0.70"), "numbers pass through exactly");
    }

    @Test
    void tagOutsideReasoningLeavesTheBodyAlone() {
        byte[] body = utf8("{\"model\":\"m\",\"input\":\"what does cpx1: mean?\"}");
        assertSame(body, codec.dropForeignReasoning(body));
        byte[] notJson = utf8("cpx1: not json");
        assertSame(notJson, codec.dropForeignReasoning(notJson));
    }
}
