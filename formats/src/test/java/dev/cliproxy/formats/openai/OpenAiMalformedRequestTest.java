package dev.cliproxy.formats.openai;

import static dev.cliproxy.formats.openai.OpenAiFixtures.CODEC;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.Json;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Invalid requests are rejected with a FormatException naming the problem, never another exception. */
class OpenAiMalformedRequestTest {

    record Case(String name, String json, String expectedMessagePart) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String USER = "{'role':'user','content':'hi'}";

    static Stream<Case> cases() {
        return Stream.of(
                new Case("body is an array", "[]", "JSON object"),
                new Case("messages missing", "{'model':'m'}", "messages"),
                new Case("messages empty", "{'model':'m','messages':[]}", "messages"),
                new Case("messages not an array", "{'model':'m','messages':'hi'}", "messages"),
                new Case("message not an object", "{'messages':['hi']}", "messages[0]"),
                new Case("role missing", "{'messages':[{'content':'hi'}]}", "messages[0].role"),
                new Case("role unknown", "{'messages':[{'role':'robot','content':'hi'}]}", "robot"),
                new Case("role not a string", "{'messages':[{'role':1,'content':'hi'}]}", "role"),
                new Case("user content missing", "{'messages':[{'role':'user'}]}", "content"),
                new Case("content a number", "{'messages':[{'role':'user','content':5}]}", "content"),
                new Case("part without type", "{'messages':[{'role':'user','content':[{'text':'x'}]}]}", "type"),
                new Case("part type unknown", "{'messages':[{'role':'user','content':[{'type':'video'}]}]}",
                        "video"),
                new Case("input_audio", "{'messages':[{'role':'user','content':[{'type':'input_audio',"
                        + "'input_audio':{'data':'AAA','format':'wav'}}]}]}", "input_audio"),
                new Case("file_id only", "{'messages':[{'role':'user','content':[{'type':'file',"
                        + "'file':{'file_id':'file-abc'}}]}]}", "file_id not supported"),
                new Case("file without data", "{'messages':[{'role':'user','content':[{'type':'file',"
                        + "'file':{'filename':'a.pdf'}}]}]}", "file_data"),
                new Case("image_url without url", "{'messages':[{'role':'user','content':[{'type':'image_url',"
                        + "'image_url':{}}]}]}", "url"),
                new Case("text part text not string", "{'messages':[{'role':'user','content':[{'type':'text',"
                        + "'text':3}]}]}", "text"),
                new Case("image in system message", "{'messages':[{'role':'system','content':[{'type':'image_url',"
                        + "'image_url':{'url':'http://x/y.png'}}]}," + USER + "]}", "text"),
                new Case("tool message without call id", "{'messages':[" + USER
                        + ",{'role':'tool','content':'r'}]}", "tool_call_id"),
                new Case("tool call without function", "{'messages':[" + USER
                        + ",{'role':'assistant','tool_calls':[{'id':'c','type':'function'}]}]}", "function"),
                new Case("tool call without name", "{'messages':[" + USER
                        + ",{'role':'assistant','tool_calls':[{'id':'c','function':{'arguments':'{}'}}]}]}", "name"),
                new Case("custom tool call", "{'messages':[" + USER
                        + ",{'role':'assistant','tool_calls':[{'id':'c','type':'custom','custom':{}}]}]}", "custom"),
                new Case("tool_calls not an array", "{'messages':[" + USER
                        + ",{'role':'assistant','tool_calls':{}}]}", "tool_calls"),
                new Case("function message without name", "{'messages':[" + USER
                        + ",{'role':'function','content':'x'}]}", "name"),
                new Case("temperature a string", "{'messages':[" + USER + "],'temperature':'hot'}", "temperature"),
                new Case("max_tokens fractional", "{'messages':[" + USER + "],'max_tokens':1.5}", "max_tokens"),
                new Case("seed a string", "{'messages':[" + USER + "],'seed':'42'}", "seed"),
                new Case("stop a number", "{'messages':[" + USER + "],'stop':7}", "stop"),
                new Case("stop array with number", "{'messages':[" + USER + "],'stop':['a',1]}", "stop"),
                new Case("stream a string", "{'messages':[" + USER + "],'stream':'yes'}", "stream"),
                new Case("model a number", "{'model':4,'messages':[" + USER + "]}", "model"),
                new Case("n above one", "{'messages':[" + USER + "],'n':2}", "n must be 1"),
                new Case("tools not an array", "{'messages':[" + USER + "],'tools':{}}", "tools"),
                new Case("tool without function", "{'messages':[" + USER + "],'tools':[{'type':'function'}]}",
                        "tools[0].function"),
                new Case("tool without name", "{'messages':[" + USER
                        + "],'tools':[{'type':'function','function':{'description':'d'}}]}", "name"),
                new Case("tool parameters a string", "{'messages':[" + USER
                        + "],'tools':[{'type':'function','function':{'name':'f','parameters':'x'}}]}", "parameters"),
                new Case("tool_choice unknown", "{'messages':[" + USER + "],'tool_choice':'sometimes'}",
                        "sometimes"),
                new Case("tool_choice function without name", "{'messages':[" + USER
                        + "],'tool_choice':{'type':'function','function':{}}}", "name"),
                new Case("tool_choice a number", "{'messages':[" + USER + "],'tool_choice':1}", "tool_choice"),
                new Case("response_format unknown", "{'messages':[" + USER
                        + "],'response_format':{'type':'xml'}}", "xml"),
                new Case("json_schema missing", "{'messages':[" + USER
                        + "],'response_format':{'type':'json_schema'}}", "json_schema"),
                new Case("reasoning_effort unknown", "{'messages':[" + USER + "],'reasoning_effort':'extreme'}",
                        "extreme"),
                new Case("reasoning_effort a number", "{'messages':[" + USER + "],'reasoning_effort':3}",
                        "reasoning_effort"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void invalidRequestIsAFormatException(Case c) {
        var body = Json.parse(c.json().replace('\'', '"').getBytes());
        FormatException e = assertThrows(FormatException.class, () -> CODEC.decodeRequest(body));
        assertTrue(e.getMessage().contains(c.expectedMessagePart()),
                () -> "message '" + e.getMessage() + "' lacks '" + c.expectedMessagePart() + "'");
    }
}
