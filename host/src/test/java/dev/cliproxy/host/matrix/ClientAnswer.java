package dev.cliproxy.host.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client made of an answer, once its format's rules were checked: the text, the reasoning, the tool calls
 * and the finish reason normalised to {@code stop} / {@code tool_calls} / {@code length} / other raw values.
 */
final class ClientAnswer {

    /** One tool call as the client assembled it. */
    record ToolCall(String id, String name, String arguments) {

        JsonNode argumentsJson() {
            return Json.parse(arguments.getBytes(StandardCharsets.UTF_8));
        }
    }

    final StringBuilder text = new StringBuilder();
    final StringBuilder reasoning = new StringBuilder();
    final List<String> signatures = new ArrayList<>();
    final List<ToolCall> toolCalls = new ArrayList<>();
    /** How many non-empty tool-call argument fragments a stream carried. */
    int argumentFragments;
    String finish;

    void fragment(String text) {
        if (text != null && !text.isEmpty()) {
            argumentFragments++;
        }
    }

    void tool(String id, String name, String arguments) {
        toolCalls.add(new ToolCall(id, name, arguments));
    }

    @Override
    public String toString() {
        return "ClientAnswer[text=" + text + ", reasoning=" + reasoning + ", tools=" + toolCalls + ", finish="
                + finish + "]";
    }
}
