package dev.cliproxy.formats.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.Message;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.ToolResultPairing;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the {@code messages} array: one system message, user messages with content parts, each tool result as its
 * own {@code role:tool} message (images of results follow in a user message, since tool messages hold text only),
 * and assistant messages with {@code reasoning_content} and {@code tool_calls}. Reasoning and tool-call signatures
 * minted by another format are dropped.
 */
final class OpenAiMessagesEncoder {

    private static final WireFormat SELF = WireFormat.OPENAI_CHAT;

    private OpenAiMessagesEncoder() {
    }

    static void encode(ChatRequest r, ArrayNode out) {
        String system = r.systemText();
        if (!system.isEmpty()) {
            out.addObject().put("role", "system").put("content", system);
        }
        for (Message m : ToolResultPairing.orphansAsText(r.messages())) {
            if (m.role() == Message.Role.USER) {
                user(m.parts(), out);
            } else {
                assistant(m.parts(), out);
            }
        }
    }

    private static void user(List<ContentPart> parts, ArrayNode out) {
        List<ContentPart> rest = new ArrayList<>();
        List<ContentPart> resultImages = new ArrayList<>();
        for (ContentPart p : parts) {
            if (p instanceof ContentPart.ToolResult tr) {
                out.addObject().put("role", "tool").put("tool_call_id", tr.callId()).put("content", tr.text());
                tr.content().stream().filter(c -> c instanceof ContentPart.Image).forEach(resultImages::add);
            } else {
                rest.add(p);
            }
        }
        resultImages.addAll(rest);
        if (resultImages.size() == 1 && resultImages.get(0) instanceof ContentPart.Text t) {
            out.addObject().put("role", "user").put("content", t.text());
            return;
        }
        ArrayNode content = out.arrayNode();
        for (ContentPart p : resultImages) {
            userPart(p, content);
        }
        if (!content.isEmpty()) {
            ObjectNode msg = out.addObject().put("role", "user");
            msg.set("content", content);
        }
    }

    private static void userPart(ContentPart p, ArrayNode content) {
        switch (p) {
            case ContentPart.Text t -> content.addObject().put("type", "text").put("text", t.text());
            case ContentPart.Image img -> content.addObject().put("type", "image_url")
                    .putObject("image_url").put("url", img.asUrl());
            case ContentPart.Document d -> document(d, content);
            default -> {
                // reasoning and tool calls never appear in user turns; nothing to write
            }
        }
    }

    private static void document(ContentPart.Document d, ArrayNode content) {
        if (d.data() != null) {
            String type = d.mediaType() == null ? "application/pdf" : d.mediaType();
            content.addObject().put("type", "file").putObject("file")
                    .put("filename", d.fileName() == null ? "document.pdf" : d.fileName())
                    .put("file_data", "data:" + type + ";base64," + d.data());
        } else if (d.url() != null) {
            // Chat Completions file parts take inline data or uploaded file ids only; point to the URL in text
            content.addObject().put("type", "text").put("text", "[document: " + d.url() + "]");
        }
    }

    private static void assistant(List<ContentPart> parts, ArrayNode out) {
        StringBuilder text = new StringBuilder();
        List<ContentPart.Reasoning> reasoning = new ArrayList<>();
        List<ContentPart.ToolCall> calls = new ArrayList<>();
        for (ContentPart p : parts) {
            switch (p) {
                case ContentPart.Text t -> text.append(t.text());
                case ContentPart.Reasoning r when r.redacted() == null && sendable(r.signature()) -> reasoning.add(r);
                case ContentPart.ToolCall c -> calls.add(c);
                default -> {
                    // images, foreign or redacted reasoning: assistant messages cannot carry them upstream
                }
            }
        }
        if (text.isEmpty() && reasoning.isEmpty() && calls.isEmpty()) {
            return;
        }
        ObjectNode msg = out.addObject().put("role", "assistant");
        if (text.isEmpty() && !calls.isEmpty()) {
            msg.putNull("content");
        } else {
            msg.put("content", text.toString());
        }
        OpenAiReasoning.encode(msg, reasoning, Signature::value);
        if (!calls.isEmpty()) {
            ArrayNode tc = msg.putArray("tool_calls");
            for (ContentPart.ToolCall c : calls) {
                ObjectNode call = tc.addObject().put("id", c.id()).put("type", "function");
                call.putObject("function").put("name", c.name()).put("arguments", c.arguments());
                if (c.signature() != null && c.signature().validFor(SELF)) {
                    OpenAiWire.putThoughtSignature(call, c.signature().value());
                }
            }
        }
    }

    private static boolean sendable(Signature s) {
        return s == null || s.validFor(SELF);
    }
}
