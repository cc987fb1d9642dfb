package dev.cliproxy.formats.responses;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.Json;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MalformedRequestTest {

    record Case(String name, String body, String messagePart) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("body is an array", "[]", "JSON object"),
                new Case("model missing", "{\"input\":\"x\"}", "model is required"),
                new Case("input missing", "{\"model\":\"m\"}", "input is required"),
                new Case("input is a number", "{\"model\":\"m\",\"input\":3}", "input must be"),
                new Case("item is a string", "{\"model\":\"m\",\"input\":[\"hi\"]}", "input[0] must be an object"),
                new Case("message without role", "{\"model\":\"m\",\"input\":[{\"content\":\"hi\"}]}",
                        "input[0].role is required"),
                new Case("unknown role", "{\"model\":\"m\",\"input\":[{\"role\":\"tool\",\"content\":\"hi\"}]}",
                        "'tool' is not one of"),
                new Case("message without content", "{\"model\":\"m\",\"input\":[{\"role\":\"user\"}]}",
                        "input[0].content is required"),
                new Case("content is a number", "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":1}]}",
                        "content must be a string or an array"),
                new Case("audio content", "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":"
                        + "[{\"type\":\"input_audio\",\"input_audio\":{}}]}]}",
                        "unsupported content type 'input_audio'"),
                new Case("image by file id", "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":"
                        + "[{\"type\":\"input_image\",\"file_id\":\"file-1\"}]}]}", "file_id is not supported"),
                new Case("image without url", "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":"
                        + "[{\"type\":\"input_image\"}]}]}", "image_url is required"),
                new Case("file by file id", "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":"
                        + "[{\"type\":\"input_file\",\"file_id\":\"file-1\"}]}]}", "file_id is not supported"),
                new Case("text part without text", "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":"
                        + "[{\"type\":\"input_text\"}]}]}", "content[0].text is required"),
                new Case("function call without name", "{\"model\":\"m\",\"input\":[{\"type\":\"function_call\","
                        + "\"call_id\":\"c\",\"arguments\":\"{}\"}]}", "input[0].name is required"),
                new Case("function call without ids", "{\"model\":\"m\",\"input\":[{\"type\":\"function_call\","
                        + "\"name\":\"f\"}]}", "call_id is required"),
                new Case("function call numeric arguments", "{\"model\":\"m\",\"input\":[{\"type\":\"function_call\","
                        + "\"call_id\":\"c\",\"name\":\"f\",\"arguments\":5}]}", "arguments must be"),
                new Case("output without call id", "{\"model\":\"m\",\"input\":[{\"type\":\"function_call_output\","
                        + "\"output\":\"x\"}]}", "call_id is required"),
                new Case("output is a number", "{\"model\":\"m\",\"input\":[{\"type\":\"function_call_output\","
                        + "\"call_id\":\"c\",\"output\":5}]}", "output must be"),
                new Case("reasoning summary entry is a string", "{\"model\":\"m\",\"input\":[{\"type\":\"reasoning\","
                        + "\"summary\":[\"x\"]}]}", "summary[0] must be an object"),
                new Case("item reference",
                        "{\"model\":\"m\",\"input\":[{\"type\":\"item_reference\",\"id\":\"msg_1\"}]}",
                        "item_reference"),
                new Case("temperature is a string", "{\"model\":\"m\",\"input\":\"x\",\"temperature\":\"hot\"}",
                        "temperature must be a number"),
                new Case("max tokens is fractional", "{\"model\":\"m\",\"input\":\"x\",\"max_output_tokens\":1.5}",
                        "max_output_tokens must be an integer"),
                new Case("stream is a string", "{\"model\":\"m\",\"input\":\"x\",\"stream\":\"yes\"}",
                        "stream must be a boolean"),
                new Case("tools is an object", "{\"model\":\"m\",\"input\":\"x\",\"tools\":{}}",
                        "tools must be an array"),
                new Case("tool without type", "{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"name\":\"f\"}]}",
                        "tools[0].type is required"),
                new Case("function tool without name", "{\"model\":\"m\",\"input\":\"x\",\"tools\":"
                        + "[{\"type\":\"function\"}]}", "tools[0].name is required"),
                new Case("tool parameters is a string", "{\"model\":\"m\",\"input\":\"x\",\"tools\":"
                        + "[{\"type\":\"function\",\"name\":\"f\",\"parameters\":\"{}\"}]}",
                        "parameters must be an object"),
                new Case("unknown tool choice", "{\"model\":\"m\",\"input\":\"x\",\"tool_choice\":\"sometimes\"}",
                        "'sometimes' is not one of"),
                new Case("tool choice is a number", "{\"model\":\"m\",\"input\":\"x\",\"tool_choice\":1}",
                        "tool_choice must be"),
                new Case("forced function without name", "{\"model\":\"m\",\"input\":\"x\",\"tool_choice\":"
                        + "{\"type\":\"function\"}}", "tool_choice.name is required"),
                new Case("unknown effort", "{\"model\":\"m\",\"input\":\"x\",\"reasoning\":{\"effort\":\"extreme\"}}",
                        "'extreme' is not a known effort"),
                new Case("reasoning is a string", "{\"model\":\"m\",\"input\":\"x\",\"reasoning\":\"high\"}",
                        "reasoning must be an object"),
                new Case("unknown text format", "{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":"
                        + "{\"type\":\"xml\"}}}", "'xml' is not one of"),
                new Case("instructions is a number", "{\"model\":\"m\",\"input\":\"x\",\"instructions\":1}",
                        "instructions must be a string"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void isRejectedWithAClearFormatException(Case c) {
        ResponsesCodec codec = new ResponsesCodec();
        FormatException e = assertThrows(FormatException.class,
                () -> codec.decodeRequest(Json.parse(c.body().getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains(c.messagePart()), () -> c.name() + ": " + e.getMessage());
    }
}
