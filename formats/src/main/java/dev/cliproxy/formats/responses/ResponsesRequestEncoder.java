package dev.cliproxy.formats.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.ReasoningConfig;
import dev.cliproxy.formats.ResponseFormat;
import dev.cliproxy.formats.Sampling;
import dev.cliproxy.formats.ToolResultPairing;
import java.util.List;

/**
 * Writes a {@link ChatRequest} as a Responses API body for an OpenAI / Codex upstream. The first system text
 * becomes {@code instructions} ({@code ""} when there is none, which the Codex backend requires); any further
 * system parts become one leading {@code developer} message, so the parts keep their boundaries. The request is
 * stateless: {@code store:false} and {@code include:["reasoning.encrypted_content"]}, so reasoning can be replayed.
 * Stop sequences, top-k, penalties and seeds have no Responses field and are not sent.
 */
final class ResponsesRequestEncoder {

    private ResponsesRequestEncoder() {
    }

    static byte[] encode(ChatRequest r) {
        ObjectNode body = Json.object();
        body.put("model", r.model());
        List<ContentPart> system = r.system();
        int rest = 0;
        String instructions = "";
        if (!system.isEmpty() && system.get(0) instanceof ContentPart.Text t) {
            instructions = t.text();
            rest = 1;
        }
        body.put("instructions", instructions);
        ArrayNode input = body.putArray("input");
        if (rest < system.size()) {
            developerMessage(system.subList(rest, system.size()), input);
        }
        InputItemEncoder.encode(ToolResultPairing.orphansAsText(r.messages()), input);
        if (!r.tools().isEmpty()) {
            ResponsesTools.encodeTools(r.tools(), body.putArray("tools"));
        }
        if (r.toolChoice() != null) {
            body.set("tool_choice", ResponsesTools.encodeChoice(r.toolChoice()));
        }
        if (r.parallelToolCalls() != null) {
            body.put("parallel_tool_calls", r.parallelToolCalls());
        }
        reasoning(r.reasoning(), body);
        sampling(r.sampling(), body);
        if (r.responseFormat() != null) {
            body.putObject("text").set("format", textFormat(r.responseFormat()));
        }
        body.put("stream", r.stream());
        body.put("store", false);
        body.putArray("include").add("reasoning.encrypted_content");
        return Json.write(body);
    }

    private static void developerMessage(List<ContentPart> parts, ArrayNode input) {
        ArrayNode content = InputItemEncoder.messageItem(input, "developer");
        for (ContentPart p : parts) {
            switch (p) {
                case ContentPart.Text t -> content.addObject().put("type", "input_text").put("text", t.text());
                case ContentPart.Image img -> InputItemEncoder.inputImage(content, img);
                case ContentPart.Document d -> InputItemEncoder.inputFile(content, d);
                default -> {
                    // tool calls, results and reasoning never appear among system parts
                }
            }
        }
    }

    /**
     * {@code reasoning.effort} from the effort (or the budget's level); a dynamic budget has no Responses level
     * and leaves the model's default. Summaries are asked for unless the client declined thoughts.
     */
    static void reasoning(ReasoningConfig rc, ObjectNode body) {
        if (rc == null) {
            return;
        }
        ReasoningConfig.Effort effort = rc.effectiveEffort();
        ObjectNode reasoning = body.putObject("reasoning");
        if (effort != null && effort != ReasoningConfig.Effort.AUTO) {
            reasoning.put("effort", effort.wireName());
        }
        if (!Boolean.FALSE.equals(rc.includeThoughts()) && effort != ReasoningConfig.Effort.NONE) {
            reasoning.put("summary", "auto");
        }
        if (reasoning.isEmpty()) {
            body.remove("reasoning");
        }
    }

    private static void sampling(Sampling s, ObjectNode body) {
        if (s.maxOutputTokens() != null) {
            body.put("max_output_tokens", s.maxOutputTokens());
        }
        if (s.temperature() != null) {
            body.put("temperature", s.temperature());
        }
        if (s.topP() != null) {
            body.put("top_p", s.topP());
        }
    }

    /** The {@code text.format} object of a response format. */
    static ObjectNode textFormat(ResponseFormat rf) {
        ObjectNode format = Json.object();
        switch (rf.kind()) {
            case TEXT -> format.put("type", "text");
            case JSON_OBJECT -> format.put("type", "json_object");
            case JSON_SCHEMA -> {
                format.put("type", "json_schema");
                format.put("name", rf.name() != null ? rf.name() : "response");
                if (rf.schema() != null) {
                    format.set("schema", rf.schema());
                }
                if (rf.strict() != null) {
                    format.put("strict", rf.strict());
                }
            }
        }
        return format;
    }
}
