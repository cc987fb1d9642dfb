package dev.cliproxy.formats.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.ReasoningConfig;
import dev.cliproxy.formats.ResponseFormat;
import dev.cliproxy.formats.Sampling;
import dev.cliproxy.formats.ToolChoice;
import dev.cliproxy.formats.ToolDefinition;

/** Writes a canonical request as a Chat Completions body for OpenAI-compatible upstreams. */
final class OpenAiRequestEncoder {

    private OpenAiRequestEncoder() {
    }

    static byte[] encode(ChatRequest r) {
        ObjectNode root = Json.object();
        if (r.model() != null) {
            root.put("model", r.model());
        }
        OpenAiMessagesEncoder.encode(r, root.putArray("messages"));
        root.put("stream", r.stream());
        if (r.stream()) {
            root.putObject("stream_options").put("include_usage", true);
        }
        sampling(root, r.sampling());
        tools(root, r);
        responseFormat(root, r.responseFormat());
        ReasoningConfig reasoning = r.reasoning();
        String effort = reasoning == null ? null : OpenAiWire.effort(reasoning.effectiveEffort());
        if (effort != null) {
            root.put("reasoning_effort", effort);
        }
        if (r.user() != null) {
            root.put("user", r.user());
        }
        return Json.write(root);
    }

    private static void sampling(ObjectNode root, Sampling s) {
        if (s.maxOutputTokens() != null) {
            root.put("max_tokens", s.maxOutputTokens());
        }
        if (s.temperature() != null) {
            root.put("temperature", s.temperature());
        }
        if (s.topP() != null) {
            root.put("top_p", s.topP());
        }
        if (s.stop().size() == 1) {
            root.put("stop", s.stop().get(0));
        } else if (!s.stop().isEmpty()) {
            ArrayNode stop = root.putArray("stop");
            s.stop().forEach(stop::add);
        }
        if (s.presencePenalty() != null) {
            root.put("presence_penalty", s.presencePenalty());
        }
        if (s.frequencyPenalty() != null) {
            root.put("frequency_penalty", s.frequencyPenalty());
        }
        if (s.seed() != null) {
            root.put("seed", s.seed());
        }
    }

    private static void tools(ObjectNode root, ChatRequest r) {
        if (r.tools().isEmpty()) {
            return; // tool_choice and parallel_tool_calls are rejected without tools
        }
        ArrayNode tools = root.putArray("tools");
        for (ToolDefinition t : r.tools()) {
            ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
            fn.put("name", t.name());
            if (!t.description().isEmpty()) {
                fn.put("description", t.description());
            }
            if (t.parameters() != null) {
                fn.set("parameters", t.parameters());
            } else {
                fn.putObject("parameters").put("type", "object").putObject("properties");
            }
            if (t.strict() != null) {
                fn.put("strict", t.strict());
            }
        }
        ToolChoice choice = r.toolChoice();
        if (choice != null) {
            switch (choice.mode()) {
                case AUTO -> root.put("tool_choice", "auto");
                case NONE -> root.put("tool_choice", "none");
                case REQUIRED -> root.put("tool_choice", "required");
                case TOOL -> root.putObject("tool_choice").put("type", "function")
                        .putObject("function").put("name", choice.name());
            }
        }
        if (r.parallelToolCalls() != null) {
            root.put("parallel_tool_calls", r.parallelToolCalls());
        }
    }

    private static void responseFormat(ObjectNode root, ResponseFormat f) {
        if (f == null) {
            return;
        }
        ObjectNode rf = root.putObject("response_format");
        switch (f.kind()) {
            case TEXT -> rf.put("type", "text");
            case JSON_OBJECT -> rf.put("type", "json_object");
            case JSON_SCHEMA -> {
                rf.put("type", "json_schema");
                ObjectNode js = rf.putObject("json_schema");
                js.put("name", f.name() == null || f.name().isEmpty() ? "response" : f.name());
                if (f.schema() != null) {
                    js.set("schema", f.schema());
                }
                if (f.strict() != null) {
                    js.put("strict", f.strict());
                }
            }
        }
    }
}
