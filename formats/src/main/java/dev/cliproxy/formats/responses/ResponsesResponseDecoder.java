package dev.cliproxy.formats.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ChatResponse;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FinishReason;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an upstream Responses {@code response} object (or the {@code response.completed} event that wraps one)
 * into a {@link ChatResponse}. Built-in tool items (web search calls...) have no canonical form and are skipped.
 */
final class ResponsesResponseDecoder {

    private ResponsesResponseDecoder() {
    }

    static ChatResponse decode(byte[] body) {
        JsonNode root = Json.parse(body);
        JsonNode resp = root;
        if (root.isObject() && root.has("type") && root.path("response").isObject()) {
            resp = root.get("response");
        }
        if (!resp.isObject() || !resp.path("output").isArray()) {
            throw new FormatException("not a Responses response object (no output array)");
        }
        List<ContentPart> content = new ArrayList<>();
        boolean refusal = false;
        for (JsonNode item : resp.get("output")) {
            refusal |= addItem(item, content);
        }
        long created = resp.path("created_at").isNumber() ? resp.get("created_at").longValue() : 0;
        boolean toolCalls = content.stream().anyMatch(p -> p instanceof ContentPart.ToolCall);
        return new ChatResponse(Json.text(resp, "id"), Json.text(resp, "model"), created, content,
                finishReason(resp, toolCalls, refusal), null, usage(resp.get("usage")));
    }

    /** Adds the canonical parts of one output item; returns whether it held a refusal. */
    static boolean addItem(JsonNode item, List<ContentPart> out) {
        String type = Json.text(item, "type");
        if (type == null) {
            return false;
        }
        boolean refusal = false;
        switch (type) {
            case "message" -> {
                for (JsonNode part : item.path("content")) {
                    if ("refusal".equals(Json.text(part, "type"))) {
                        refusal = true;
                        out.add(new ContentPart.Text(nullToEmpty(Json.text(part, "refusal"))));
                    } else if (part.has("text")) {
                        out.add(new ContentPart.Text(nullToEmpty(Json.text(part, "text"))));
                    }
                }
            }
            case "reasoning" -> {
                String enc = Json.text(item, "encrypted_content");
                String text = reasoningText(item);
                if (!text.isEmpty() || enc != null) {
                    out.add(new ContentPart.Reasoning(text,
                            enc == null ? null : new Signature(WireFormat.OPENAI_RESPONSES, enc), null));
                }
            }
            case "function_call" -> out.add(new ContentPart.ToolCall(callId(item), nullToEmpty(Json.text(item, "name")),
                    Json.text(item, "arguments"), null));
            case "custom_tool_call" -> out.add(new ContentPart.ToolCall(callId(item),
                    nullToEmpty(Json.text(item, "name")), customToolArguments(item), null));
            case "image_generation_call" -> {
                String result = Json.text(item, "result");
                if (result != null) {
                    String fmt = Json.text(item, "output_format");
                    out.add(ContentPart.Image.base64("image/" + (fmt == null ? "png" : fmt), result));
                }
            }
            default -> {
                // web_search_call, file_search_call, mcp items...: server-side tools with no canonical form
            }
        }
        return refusal;
    }

    /** Summary texts joined by blank lines; the raw reasoning text when there is no summary. */
    static String reasoningText(JsonNode item) {
        String text = joinTexts(item.path("summary"));
        return text.isEmpty() ? joinTexts(item.path("content")) : text;
    }

    private static String joinTexts(JsonNode parts) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode p : parts) {
            String t = Json.text(p, "text");
            if (t != null) {
                if (!sb.isEmpty()) {
                    sb.append("\n\n");
                }
                sb.append(t);
            }
        }
        return sb.toString();
    }

    /** A freeform custom tool call's input as the JSON arguments {@code {"input": text}}. */
    static String customToolArguments(JsonNode item) {
        ObjectNode args = Json.object().put("input", nullToEmpty(Json.text(item, "input")));
        return new String(Json.write(args), StandardCharsets.UTF_8);
    }

    static String callId(JsonNode item) {
        String id = Json.text(item, "call_id");
        return id != null ? id : Json.text(item, "id");
    }

    /** The finish reason a response object's status means. */
    static FinishReason finishReason(JsonNode resp, boolean toolCalls, boolean refusal) {
        String status = Json.text(resp, "status");
        if (status == null) {
            status = "completed";
        }
        return switch (status) {
            case "completed" -> toolCalls ? FinishReason.TOOL_CALLS : refusal ? FinishReason.CONTENT_FILTER
                    : FinishReason.STOP;
            // the API documents max_output_tokens and content_filter; any other reason is a cut-off too
            case "incomplete" -> "content_filter".equals(Json.text(resp.path("incomplete_details"), "reason"))
                    ? FinishReason.CONTENT_FILTER : FinishReason.LENGTH;
            case "failed", "cancelled" -> FinishReason.ERROR;
            default -> null;
        };
    }

    /** Canonical usage from a Responses usage object (same semantics), or {@code null} when absent. */
    static Usage usage(JsonNode u) {
        if (u == null || !u.isObject()) {
            return null;
        }
        return new Usage(u.path("input_tokens").asLong(0), u.path("output_tokens").asLong(0),
                u.path("input_tokens_details").path("cached_tokens").asLong(0), 0,
                u.path("output_tokens_details").path("reasoning_tokens").asLong(0));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
