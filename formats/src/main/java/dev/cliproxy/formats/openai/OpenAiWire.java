package dev.cliproxy.formats.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.FinishReason;
import dev.cliproxy.formats.JsonFields;
import dev.cliproxy.formats.ReasoningConfig.Effort;
import java.util.UUID;

/** Small wire-level vocabularies of Chat Completions: finish reasons, effort names, ids, signature carriers. */
final class OpenAiWire {

    private OpenAiWire() {
    }

    /** The {@code finish_reason} for a canonical reason; tool calls always report {@code tool_calls}. */
    static String finishReason(FinishReason reason, boolean hasToolCalls) {
        if (hasToolCalls && (reason == null || reason == FinishReason.STOP || reason == FinishReason.TOOL_CALLS)) {
            return "tool_calls";
        }
        if (reason == null) {
            return "stop";
        }
        return switch (reason) {
            case STOP, ERROR -> "stop";
            case LENGTH -> "length";
            case TOOL_CALLS -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
        };
    }

    /** The canonical reason of a {@code finish_reason}; {@code null} stays {@code null}, unknown values are STOP. */
    static FinishReason finishReason(String wire) {
        if (wire == null) {
            return null;
        }
        return switch (wire) {
            case "length", "max_tokens" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            case "error" -> FinishReason.ERROR;
            default -> FinishReason.STOP;
        };
    }

    /**
     * The {@code reasoning_effort} value for an effort, or {@code null} to leave the field out. The API reference
     * lists none, minimal, low, medium, high and xhigh; "auto" has no wire value (the model default applies).
     */
    static String effort(Effort effort) {
        if (effort == null || effort == Effort.AUTO) {
            return null;
        }
        return effort.wireName();
    }

    /** A {@code chatcmpl-} id derived from the host's request id (random when there is none). */
    static String completionId(String requestId) {
        return "chatcmpl-" + (requestId == null || requestId.isEmpty() ? randomHex() : requestId);
    }

    /** A fresh tool call id, for upstreams that sent none. */
    static String callId() {
        return "call_" + randomHex().substring(0, 24);
    }

    private static String randomHex() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * The Gemini thought signature a tool call carries in Google's OpenAI-compatibility convention
     * ({@code extra_content.google.thought_signature}), or {@code null}.
     */
    static String thoughtSignature(JsonNode toolCall) {
        JsonNode extra = toolCall.get("extra_content");
        if (extra == null || !extra.isObject()) {
            return null;
        }
        String s = JsonFields.lenientText(extra.get("google"), "thought_signature");
        return s == null || s.isEmpty() ? null : s;
    }

    /** Sets {@code extra_content.google.thought_signature} on a tool call. */
    static void putThoughtSignature(ObjectNode toolCall, String value) {
        toolCall.putObject("extra_content").putObject("google").put("thought_signature", value);
    }
}
