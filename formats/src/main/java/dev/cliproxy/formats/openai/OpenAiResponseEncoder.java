package dev.cliproxy.formats.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ChatResponse;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.ResponseContext;
import java.util.ArrayList;
import java.util.List;

/** Writes a whole {@code chat.completion} object for a client. */
final class OpenAiResponseEncoder {

    private static final WireFormat SELF = WireFormat.OPENAI_CHAT;

    private OpenAiResponseEncoder() {
    }

    static byte[] encode(ChatResponse r, ResponseContext ctx) {
        ObjectNode root = Json.object();
        root.put("id", r.id() != null && !r.id().isEmpty() ? r.id() : OpenAiWire.completionId(ctx.requestId()));
        root.put("object", "chat.completion");
        root.put("created", r.created() > 0 ? r.created() : created(ctx));
        root.put("model", ctx.model() != null ? ctx.model() : r.model());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message(r));
        choice.putNull("logprobs");
        choice.put("finish_reason", OpenAiWire.finishReason(r.finishReason(), r.hasToolCalls()));
        if (r.usage() != null) {
            root.set("usage", OpenAiUsage.write(r.usage()));
        }
        return Json.write(root);
    }

    static long created(ResponseContext ctx) {
        return ctx.created() > 0 ? ctx.created() : System.currentTimeMillis() / 1000;
    }

    private static ObjectNode message(ChatResponse r) {
        StringBuilder text = new StringBuilder();
        List<ContentPart.Reasoning> reasoning = new ArrayList<>();
        List<ContentPart.ToolCall> calls = new ArrayList<>();
        List<ContentPart.Image> images = new ArrayList<>();
        for (ContentPart p : r.content()) {
            switch (p) {
                case ContentPart.Text t -> text.append(t.text());
                case ContentPart.Reasoning rs -> reasoning.add(rs);
                case ContentPart.ToolCall c -> calls.add(c);
                case ContentPart.Image img -> images.add(img);
                default -> {
                    // documents and tool results never appear in answers
                }
            }
        }
        ObjectNode msg = Json.object().put("role", "assistant");
        if (text.isEmpty() && !calls.isEmpty()) {
            msg.putNull("content");
        } else {
            msg.put("content", text.toString());
        }
        OpenAiReasoning.encode(msg, reasoning, s -> s.toClientValue(SELF));
        if (!calls.isEmpty()) {
            ArrayNode tc = msg.putArray("tool_calls");
            for (ContentPart.ToolCall c : calls) {
                ObjectNode call = tc.addObject().put("id", c.id() == null ? OpenAiWire.callId() : c.id());
                call.put("type", "function");
                call.putObject("function").put("name", c.name()).put("arguments", c.arguments());
                if (c.signature() != null) {
                    OpenAiWire.putThoughtSignature(call, c.signature().toClientValue(SELF));
                }
            }
        }
        if (!images.isEmpty()) {
            ArrayNode arr = msg.putArray("images");
            for (ContentPart.Image img : images) {
                arr.addObject().put("type", "image_url").putObject("image_url").put("url", img.asUrl());
            }
        }
        msg.putNull("refusal");
        return msg;
    }
}
