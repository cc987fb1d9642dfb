package dev.cliproxy.formats.openai;

import static dev.cliproxy.formats.openai.OpenAiFixtures.CODEC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.cliproxy.formats.GoldenFiles;
import dev.cliproxy.formats.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Token counts and the pass-through clean-up of tagged signatures. */
class OpenAiPassThroughTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("openai");

    private static byte[] bytes(String json) {
        return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void tokenCountUsesTheResponsesInputTokensShape() {
        assertEquals(Json.parse(bytes("{'object':'response.input_tokens','input_tokens':1234}")),
                Json.parse(CODEC.encodeTokenCount(1234)));
        assertEquals(1234, CODEC.decodeTokenCount(CODEC.encodeTokenCount(1234)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{'input_tokens':'12'}", "[]", "nope", ""})
    void tokenCountWithoutANumberIsMinusOne(String body) {
        assertEquals(-1, CODEC.decodeTokenCount(bytes(body)));
    }

    @Test
    void bodyWithoutTagIsReturnedAsIs() {
        byte[] body = GOLDEN.bytes("request-tools-parallel-results.json");
        assertSame(body, CODEC.dropForeignReasoning(body));
    }

    @Test
    void malformedBodyWithATagIsReturnedAsIs() {
        byte[] body = bytes("{'messages':[ cpx1:claude:x");
        assertSame(body, CODEC.dropForeignReasoning(body));
    }

    @Test
    void foreignReasoningIsRemovedAndOwnTaggedValuesAreUnwrapped() {
        byte[] body = bytes("""
                {'model':'m','messages':[{'role':'user','content':'cpx1:claude:mentioned in text stays'},
                 {'role':'assistant','content':'a','reasoning_content':'claude thought',
                  'reasoning_details':[{'type':'reasoning.text','text':'claude thought','signature':'cpx1:claude:EqQB'}],
                  'tool_calls':[{'id':'c1','type':'function','function':{'name':'f','arguments':'{}'},
                    'extra_content':{'google':{'thought_signature':'cpx1:gemini:CiQB'}}},
                   {'id':'c2','type':'function','function':{'name':'g','arguments':'{}'},
                    'extra_content':{'google':{'thought_signature':'cpx1:openai:own'}}}]},
                 {'role':'tool','tool_call_id':'c1','content':'r1'},
                 {'role':'assistant','content':'b','reasoning_content':'mine',
                  'reasoning_details':[{'type':'reasoning.text','text':'mine','signature':'cpx1:openai:raw+/='}]}]}""");
        byte[] expected = bytes("""
                {'model':'m','messages':[{'role':'user','content':'cpx1:claude:mentioned in text stays'},
                 {'role':'assistant','content':'a',
                  'tool_calls':[{'id':'c1','type':'function','function':{'name':'f','arguments':'{}'}},
                   {'id':'c2','type':'function','function':{'name':'g','arguments':'{}'},
                    'extra_content':{'google':{'thought_signature':'own'}}}]},
                 {'role':'tool','tool_call_id':'c1','content':'r1'},
                 {'role':'assistant','content':'b','reasoning_content':'mine',
                  'reasoning_details':[{'type':'reasoning.text','text':'mine','signature':'raw+/='}]}]}""");
        assertEquals(Json.parse(expected), Json.parse(CODEC.dropForeignReasoning(body)));
    }

    @Test
    void reasoningTextStaysWhenSomeOfItsEntriesAreOwn() {
        byte[] body = bytes("""
                {'messages':[{'role':'assistant','content':'a','reasoning_content':'xy','reasoning_details':[
                 {'type':'reasoning.text','text':'x','signature':'cpx1:gemini:g'},
                 {'type':'reasoning.text','text':'y','signature':'plain'}]}]}""");
        byte[] expected = bytes("""
                {'messages':[{'role':'assistant','content':'a','reasoning_content':'xy','reasoning_details':[
                 {'type':'reasoning.text','text':'y','signature':'plain'}]}]}""");
        assertEquals(Json.parse(expected), Json.parse(CODEC.dropForeignReasoning(body)));
    }
}
