package dev.cliproxy.formats.openai;

import static dev.cliproxy.formats.openai.OpenAiFixtures.CODEC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.GoldenFiles;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Message;
import dev.cliproxy.formats.ReasoningConfig.Effort;
import dev.cliproxy.formats.ReasoningConfig;
import dev.cliproxy.formats.ResponseFormat;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.ToolChoice;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiRequestDecoderTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("openai");

    private static ChatRequest decode(String json) {
        return CODEC.decodeRequest(Json.parse(json.replace('\'', '"').getBytes()));
    }

    @Test
    void systemAndDeveloperMessagesAreHoistedInOrder() {
        ChatRequest r = decode("""
                {'model':'m','messages':[{'role':'system','content':'A'},{'role':'user','content':'hi'},
                 {'role':'developer','content':[{'type':'text','text':'B'}]},{'role':'assistant','content':'yo'}]}""");
        assertEquals(List.of(new ContentPart.Text("A"), new ContentPart.Text("B")), r.system());
        assertEquals(2, r.messages().size());
        assertEquals(Message.Role.USER, r.messages().get(0).role());
        assertEquals(Message.Role.ASSISTANT, r.messages().get(1).role());
    }

    @Test
    void consecutiveToolMessagesMergeIntoOneUserMessageKeepingIdsAndNames() {
        ChatRequest r = CODEC.decodeRequest(GOLDEN.json("request-tools-parallel-results.json"));
        Message assistant = r.messages().get(1);
        ContentPart.ToolCall first = (ContentPart.ToolCall) assistant.parts().get(0);
        assertEquals("call_12345xyz", first.id());
        assertEquals("{\"location\":\"Paris, France\"}", first.arguments());
        Message results = r.messages().get(2);
        assertEquals(Message.Role.USER, results.role());
        assertEquals(2, results.parts().size());
        ContentPart.ToolResult second = (ContentPart.ToolResult) results.parts().get(1);
        assertEquals("call_67890abc", second.callId());
        assertEquals("get_weather", second.name());
        assertEquals("Error: weather station offline", second.text());
        assertFalse(second.isError());
        assertEquals(Message.Role.USER, r.messages().get(3).role());
        assertEquals(ToolChoice.REQUIRED, r.toolChoice());
        assertEquals(Boolean.TRUE, r.parallelToolCalls());
        assertEquals(Boolean.TRUE, r.tools().get(0).strict());
    }

    @Test
    void imagesKeepUrlsAndSplitDataUrls() {
        ChatRequest r = CODEC.decodeRequest(GOLDEN.json("request-image-url-and-base64.json"));
        List<ContentPart> parts = r.messages().get(0).parts();
        ContentPart.Image url = (ContentPart.Image) parts.get(1);
        assertTrue(url.url().startsWith("https://upload.wikimedia.org/"));
        ContentPart.Image inline = (ContentPart.Image) parts.get(2);
        assertEquals("image/png", inline.mediaType());
        assertEquals("iVBORw0KGgoAAAANSUhEUg==", inline.data());
        assertEquals(300, r.sampling().maxOutputTokens());
    }

    @Test
    void fileDataBecomesADocumentFromDataUrlOrRawBase64() {
        ChatRequest r = decode("""
                {'model':'m','messages':[{'role':'user','content':[
                 {'type':'file','file':{'filename':'a.pdf','file_data':'data:application/pdf;base64,JVBE'}},
                 {'type':'file','file':{'filename':'notes.txt','file_data':'aGVsbG8='}}]}]}""");
        List<ContentPart> parts = r.messages().get(0).parts();
        assertEquals(new ContentPart.Document("application/pdf", "JVBE", null, "a.pdf"), parts.get(0));
        assertEquals(new ContentPart.Document("text/plain", "aGVsbG8=", null, "notes.txt"), parts.get(1));
    }

    @Test
    void assistantReasoningContentBecomesUnsignedReasoningBeforeTextAndCalls() {
        ChatRequest r = decode("""
                {'model':'m','messages':[{'role':'user','content':'q'},
                 {'role':'assistant','content':'','reasoning_content':'think',
                  'tool_calls':[{'id':'c1','type':'function','function':{'name':'f','arguments':'{}'}}]}]}""");
        List<ContentPart> parts = r.messages().get(1).parts();
        assertEquals(new ContentPart.Reasoning("think", null, null), parts.get(0));
        assertInstanceOf(ContentPart.ToolCall.class, parts.get(1));
        assertEquals(2, parts.size(), "empty assistant text is dropped");
    }

    @Test
    void reasoningFieldIsReadLikeReasoningContent() {
        ChatRequest r = decode("""
                {'messages':[{'role':'assistant','content':'a','reasoning':'why'},{'role':'user','content':'b'}]}""");
        assertEquals(new ContentPart.Reasoning("why", null, null), r.messages().get(0).parts().get(0));
        assertNull(r.model());
    }

    @Test
    void reasoningDetailsSignaturesAreReadByteExactAndTaggedOnesRevealTheirOrigin() {
        ChatRequest r = decode("""
                {'model':'m','messages':[{'role':'user','content':'q'},{'role':'assistant','content':'x',
                 'reasoning_details':[{'type':'reasoning.text','text':'one','signature':'cpx1:claude:EqQBCkYI+/=='},
                                      {'type':'reasoning.text','text':'two','signature':'raw/sig=='}]}]}""");
        List<ContentPart> parts = r.messages().get(1).parts();
        assertEquals(new ContentPart.Reasoning("one", new Signature(WireFormat.CLAUDE_MESSAGES, "EqQBCkYI+/=="), null),
                parts.get(0));
        assertEquals(new ContentPart.Reasoning("two", new Signature(WireFormat.OPENAI_CHAT, "raw/sig=="), null),
                parts.get(1));
    }

    @Test
    void streamedReasoningDetailsWithoutTextTakeTheTextFromReasoningContent() {
        ChatRequest r = decode("""
                {'model':'m','messages':[{'role':'user','content':'q'},{'role':'assistant','content':'x',
                 'reasoning_content':'full thought',
                 'reasoning_details':[{'type':'reasoning.text','signature':'cpx1:gemini:c2ln','index':0}]}]}""");
        assertEquals(new ContentPart.Reasoning("full thought", new Signature(WireFormat.GEMINI, "c2ln"), null),
                r.messages().get(1).parts().get(0));
    }

    @Test
    void toolCallThoughtSignatureIsReadFromExtraContent() {
        ChatRequest r = decode("""
                {'model':'m','messages':[{'role':'user','content':'q'},{'role':'assistant','content':null,
                 'tool_calls':[{'id':'c1','type':'function','function':{'name':'f','arguments':'{}'},
                   'extra_content':{'google':{'thought_signature':'cpx1:gemini:AbC/+='}}}]}]}""");
        ContentPart.ToolCall call = (ContentPart.ToolCall) r.messages().get(1).parts().get(0);
        assertEquals(new Signature(WireFormat.GEMINI, "AbC/+="), call.signature());
    }

    @Test
    void missingToolCallIdsAreGeneratedAndObjectArgumentsSerialised() {
        ChatRequest r = decode("""
                {'model':'m','messages':[{'role':'user','content':'q'},{'role':'assistant',
                 'tool_calls':[{'function':{'name':'f','arguments':{'a':1}}}]}]}""");
        ContentPart.ToolCall call = (ContentPart.ToolCall) r.messages().get(1).parts().get(0);
        assertEquals("call_missing_1_0", call.id());
        assertEquals("{\"a\":1}", call.arguments());
    }

    @Test
    void samplingStopAndLimitsAreRead() {
        ChatRequest r = CODEC.decodeRequest(GOLDEN.json("request-sampling-format-reasoning.json"));
        assertEquals(0.2, r.sampling().temperature());
        assertEquals(0.9, r.sampling().topP());
        assertEquals(512, r.sampling().maxOutputTokens(), "max_completion_tokens wins over max_tokens");
        assertEquals(List.of("END", "\n\n\n"), r.sampling().stop());
        assertEquals(0.5, r.sampling().presencePenalty());
        assertEquals(-0.25, r.sampling().frequencyPenalty());
        assertEquals(42L, r.sampling().seed());
        assertEquals("user-1234", r.user());
        assertTrue(r.stream());
        assertTrue(r.includeUsage());
        assertEquals(ReasoningConfig.ofEffort(Effort.XHIGH), r.reasoning());
        ResponseFormat f = r.responseFormat();
        assertEquals(ResponseFormat.Kind.JSON_SCHEMA, f.kind());
        assertEquals("math_reasoning", f.name());
        assertEquals(Boolean.TRUE, f.strict());
        assertEquals("object", f.schema().get("type").textValue());
    }

    @Test
    void stopStringAndIncludeUsageWithoutStreamAreHandled() {
        ChatRequest r = decode("""
                {'model':'m','messages':[{'role':'user','content':'q'}],'stop':'X','stream':false,
                 'stream_options':{'include_usage':true},'response_format':{'type':'json_object'}}""");
        assertEquals(List.of("X"), r.sampling().stop());
        assertFalse(r.includeUsage());
        assertEquals(ResponseFormat.Kind.JSON_OBJECT, r.responseFormat().kind());
    }

    @ParameterizedTest
    @CsvSource({"none,NONE", "minimal,MINIMAL", "low,LOW", "medium,MEDIUM", "high,HIGH", "xhigh,XHIGH"})
    void reasoningEffortLevelsAreRead(String wire, Effort effort) {
        ChatRequest r = decode("{'model':'m','messages':[{'role':'user','content':'q'}],'reasoning_effort':'"
                + wire + "'}");
        assertEquals(effort, r.reasoning().effort());
    }

    @Test
    void openRouterReasoningObjectIsRead() {
        ChatRequest budget = decode("""
                {'model':'m','messages':[{'role':'user','content':'q'}],'reasoning':{'max_tokens':2048}}""");
        assertEquals(ReasoningConfig.ofBudget(2048), budget.reasoning());
        ChatRequest off = decode("""
                {'model':'m','messages':[{'role':'user','content':'q'}],'reasoning':{'enabled':false}}""");
        assertTrue(off.reasoning().disabled());
    }

    @Test
    void toolChoiceVariantsAreRead() {
        String base = "{'model':'m','messages':[{'role':'user','content':'q'}],'tool_choice':";
        assertEquals(ToolChoice.AUTO, decode(base + "'auto'}").toolChoice());
        assertEquals(ToolChoice.NONE, decode(base + "'none'}").toolChoice());
        assertEquals(ToolChoice.tool("f"), decode(base + "{'type':'function','function':{'name':'f'}}}").toolChoice());
        assertEquals(ToolChoice.REQUIRED, decode(base
                + "{'type':'allowed_tools','allowed_tools':{'mode':'required','tools':[]}}}").toolChoice());
        assertNull(decode("{'model':'m','messages':[{'role':'user','content':'q'}]}").toolChoice());
    }

    @Test
    void nonFunctionToolsAreIgnored() {
        ChatRequest r = decode("""
                {'model':'m','messages':[{'role':'user','content':'q'}],'tools':[
                 {'type':'custom','custom':{'name':'grammar'}},
                 {'type':'function','function':{'name':'f'}}]}""");
        assertEquals(1, r.tools().size());
        assertEquals("f", r.tools().get(0).name());
        assertNull(r.tools().get(0).parameters());
    }
}
