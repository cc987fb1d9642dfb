package dev.cliproxy.formats.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.FinishReason;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.ReasoningConfig;
import dev.cliproxy.formats.ResponseContext;
import dev.cliproxy.formats.Usage;

/**
 * Builds the Responses {@code response} object (whole answers, and the payload of the stream's lifecycle events)
 * and its output items. Request fields are echoed from {@link ResponseContext#request()}, with the API's defaults
 * where the client set nothing; {@code store} is always {@code false} because nothing is kept.
 */
final class ResponseObjectWriter {

    /** How a response ended: its status, the incomplete reason, or the error. */
    record Outcome(String status, String incompleteReason, String errorCode, String errorMessage) {

        static final Outcome IN_PROGRESS = new Outcome("in_progress", null, null, null);
        static final Outcome COMPLETED = new Outcome("completed", null, null, null);

        static Outcome of(FinishReason reason) {
            if (reason == null) {
                return COMPLETED;
            }
            return switch (reason) {
                case STOP, TOOL_CALLS -> COMPLETED;
                case LENGTH -> new Outcome("incomplete", "max_output_tokens", null, null);
                case CONTENT_FILTER -> new Outcome("incomplete", "content_filter", null, null);
                case ERROR -> failed("server_error", "The model failed to generate a response.");
            };
        }

        static Outcome failed(String code, String message) {
            return new Outcome("failed", null, code, message);
        }
    }

    private ResponseObjectWriter() {
    }

    static ObjectNode response(String id, ResponseContext ctx, Outcome outcome, ArrayNode output, Usage usage) {
        ChatRequest req = ctx.request();
        ObjectNode r = Json.object();
        r.put("id", id);
        r.put("object", "response");
        r.put("created_at", ctx.created());
        r.put("status", outcome.status());
        r.put("background", false);
        if (outcome.errorCode() != null) {
            r.putObject("error").put("code", outcome.errorCode()).put("message", outcome.errorMessage());
        } else {
            r.putNull("error");
        }
        if (outcome.incompleteReason() != null) {
            r.putObject("incomplete_details").put("reason", outcome.incompleteReason());
        } else {
            r.putNull("incomplete_details");
        }
        String instructions = req == null ? "" : req.systemText();
        putText(r, "instructions", instructions.isEmpty() ? null : instructions);
        Integer maxTokens = req == null ? null : req.sampling().maxOutputTokens();
        r.set("max_output_tokens", maxTokens == null ? r.nullNode() : r.numberNode(maxTokens));
        r.put("model", ctx.model());
        r.set("output", output);
        echoRequest(req, r);
        r.set("usage", usage == null ? r.nullNode() : usage(usage));
        putText(r, "user", req == null ? null : req.user());
        r.putObject("metadata");
        return r;
    }

    /** The request fields between {@code output} and {@code usage}, in the API's order. */
    private static void echoRequest(ChatRequest req, ObjectNode r) {
        r.put("parallel_tool_calls", req == null || req.parallelToolCalls() == null || req.parallelToolCalls());
        r.putNull("previous_response_id");
        reasoning(req == null ? null : req.reasoning(), r.putObject("reasoning"));
        r.put("store", false);
        r.put("temperature", req == null || req.sampling().temperature() == null ? 1.0 : req.sampling().temperature());
        echoTextAndTools(req, r);
        r.put("top_p", req == null || req.sampling().topP() == null ? 1.0 : req.sampling().topP());
        r.put("truncation", "disabled");
    }

    private static void reasoning(ReasoningConfig rc, ObjectNode out) {
        ReasoningConfig.Effort effort = rc == null ? null : rc.effectiveEffort();
        putText(out, "effort", effort == null || effort == ReasoningConfig.Effort.AUTO ? null : effort.wireName());
        putText(out, "summary", rc != null && Boolean.TRUE.equals(rc.includeThoughts()) ? "auto" : null);
    }

    private static void echoTextAndTools(ChatRequest req, ObjectNode r) {
        r.putObject("text").set("format", req == null || req.responseFormat() == null
                ? Json.object().put("type", "text") : ResponsesRequestEncoder.textFormat(req.responseFormat()));
        if (req != null && req.toolChoice() != null) {
            r.set("tool_choice", ResponsesTools.encodeChoice(req.toolChoice()));
        } else {
            r.put("tool_choice", "auto");
        }
        ArrayNode tools = r.putArray("tools");
        if (req != null) {
            ResponsesTools.encodeTools(req.tools(), tools);
        }
    }

    /** The usage object; canonical usage already has the Responses (OpenAI) semantics. */
    static ObjectNode usage(Usage u) {
        ObjectNode o = Json.object();
        o.put("input_tokens", u.inputTokens());
        o.putObject("input_tokens_details").put("cached_tokens", u.cachedInputTokens());
        o.put("output_tokens", u.outputTokens());
        o.putObject("output_tokens_details").put("reasoning_tokens", u.reasoningTokens());
        o.put("total_tokens", u.totalTokens());
        return o;
    }

    static ObjectNode reasoningItem(String id, String text, String encryptedContent) {
        ObjectNode item = Json.object();
        item.put("id", id);
        item.put("type", "reasoning");
        ArrayNode summary = item.putArray("summary");
        if (!text.isEmpty()) {
            summary.addObject().put("type", "summary_text").put("text", text);
        }
        if (encryptedContent != null) {
            item.put("encrypted_content", encryptedContent);
        }
        return item;
    }

    /** A completed assistant message item; add its parts with {@link #outputText}. */
    static ObjectNode messageItem(String id, String status) {
        ObjectNode item = Json.object();
        item.put("id", id);
        item.put("type", "message");
        item.put("status", status);
        item.put("role", "assistant");
        item.putArray("content");
        return item;
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = Json.object();
        part.put("type", "output_text");
        part.putArray("annotations");
        part.putArray("logprobs");
        part.put("text", text);
        return part;
    }

    static ObjectNode functionCallItem(String id, String status, String callId, String name, String arguments) {
        ObjectNode item = Json.object();
        item.put("id", id);
        item.put("type", "function_call");
        item.put("status", status);
        item.put("arguments", arguments);
        item.put("call_id", callId);
        item.put("name", name);
        return item;
    }

    private static void putText(ObjectNode o, String field, String value) {
        if (value == null) {
            o.putNull(field);
        } else {
            o.put(field, value);
        }
    }
}
