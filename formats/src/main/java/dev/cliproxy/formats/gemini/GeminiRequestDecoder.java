package dev.cliproxy.formats.gemini;

import static dev.cliproxy.formats.gemini.GeminiField.CONTENTS;
import static dev.cliproxy.formats.gemini.GeminiField.GENERATE_CONTENT_REQUEST;
import static dev.cliproxy.formats.gemini.GeminiField.GENERATION_CONFIG;
import static dev.cliproxy.formats.gemini.GeminiField.PARTS;
import static dev.cliproxy.formats.gemini.GeminiField.ROLE;
import static dev.cliproxy.formats.gemini.GeminiField.SYSTEM_INSTRUCTION;
import static dev.cliproxy.formats.gemini.GeminiField.TEXT;
import static dev.cliproxy.formats.gemini.GeminiField.TOOLS;
import static dev.cliproxy.formats.gemini.GeminiField.TOOL_CONFIG;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decodes a Gemini {@code generateContent} (or {@code countTokens}) request body. The model lives in the URL, so
 * {@link ChatRequest#model()} stays {@code null}; so does the stream flag ({@code :streamGenerateContent}).
 */
final class GeminiRequestDecoder {

    private GeminiRequestDecoder() {
    }

    static ChatRequest decode(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new FormatException("request body must be a JSON object");
        }
        JsonNode inner = GENERATE_CONTENT_REQUEST.in(body);
        if (inner != null && !CONTENTS.presentIn(body)) {
            if (!inner.isObject()) {
                throw new FormatException("generateContentRequest must be an object");
            }
            body = inner;
        }
        List<ContentPart> system = new ArrayList<>();
        readSystem(SYSTEM_INSTRUCTION.in(body), system);
        List<Message> messages = readContents(CONTENTS.in(body), system);
        JsonNode gc = GENERATION_CONFIG.in(body);
        if (gc != null && !gc.isObject()) {
            throw new FormatException("generationConfig must be an object");
        }
        return new ChatRequest(null, system, messages, GeminiConfigDecoder.tools(TOOLS.in(body)),
                GeminiConfigDecoder.toolChoice(TOOL_CONFIG.in(body)), GeminiConfigDecoder.sampling(gc),
                GeminiConfigDecoder.reasoning(gc), GeminiConfigDecoder.responseFormat(gc), false, false, null, null);
    }

    /** {@code systemInstruction}: a Content ({@code parts} array or single part) or a plain string. */
    private static void readSystem(JsonNode si, List<ContentPart> system) {
        if (si == null) {
            return;
        }
        if (si.isTextual()) {
            if (!si.textValue().isEmpty()) {
                system.add(new ContentPart.Text(si.textValue()));
            }
            return;
        }
        if (!si.isObject()) {
            throw new FormatException("systemInstruction must be an object or a string");
        }
        JsonNode parts = PARTS.in(si);
        if (parts == null) {
            return;
        }
        for (JsonNode part : asList(parts, "systemInstruction.parts")) {
            String text = TEXT.requireTextOrNull(part, "systemInstruction.parts[]");
            if (text != null && !text.isEmpty()) {
                system.add(new ContentPart.Text(text));
            }
        }
    }

    private static List<Message> readContents(JsonNode contents, List<ContentPart> system) {
        if (contents == null) {
            throw new FormatException("contents is required");
        }
        List<JsonNode> list = asList(contents, "contents");
        GeminiPartReader reader = new GeminiPartReader(GeminiToolIds.forRequest(), true);
        List<Message> messages = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String path = "contents[" + i + "]";
            JsonNode content = list.get(i);
            if (!content.isObject()) {
                throw new FormatException(path + " must be an object");
            }
            String role = ROLE.requireTextOrNull(content, path);
            JsonNode parts = PARTS.in(content);
            List<ContentPart> out = new ArrayList<>();
            List<JsonNode> partList = parts == null ? List.of() : asList(parts, path + ".parts");
            for (int j = 0; j < partList.size(); j++) {
                reader.read(partList.get(j), path + ".parts[" + j + "]", out);
            }
            if (isSystem(role)) {
                out.stream().filter(p -> p instanceof ContentPart.Text).forEach(system::add);
            } else if (!out.isEmpty()) {
                append(messages, new Message(role(role, path), out));
            }
        }
        if (messages.isEmpty()) {
            throw new FormatException("contents must hold at least one user or model turn with parts");
        }
        return messages;
    }

    private static boolean isSystem(String role) {
        return role != null && role.equalsIgnoreCase("system");
    }

    private static Message.Role role(String role, String path) {
        if (role == null || role.isEmpty()) {
            return Message.Role.USER;
        }
        return switch (role.toLowerCase(Locale.ROOT)) {
            case "user", "function", "tool" -> Message.Role.USER;
            case "model", "assistant" -> Message.Role.ASSISTANT;
            default -> throw new FormatException(path + ".role '" + role + "' is not user or model");
        };
    }

    /** Adds a message, merging runs of user turns that hold only tool results (parallel function responses). */
    private static void append(List<Message> messages, Message message) {
        if (!messages.isEmpty()) {
            Message last = messages.get(messages.size() - 1);
            if (last.role() == message.role() && onlyToolResults(last) && onlyToolResults(message)) {
                List<ContentPart> merged = new ArrayList<>(last.parts());
                merged.addAll(message.parts());
                messages.set(messages.size() - 1, new Message(last.role(), merged));
                return;
            }
        }
        messages.add(message);
    }

    private static boolean onlyToolResults(Message m) {
        return m.parts().stream().allMatch(p -> p instanceof ContentPart.ToolResult);
    }

    /** A repeated field: an array, or (as the REST examples send it) one object. */
    static List<JsonNode> asList(JsonNode node, String path) {
        if (node.isArray()) {
            List<JsonNode> out = new ArrayList<>(node.size());
            node.forEach(out::add);
            return out;
        }
        if (node.isObject()) {
            return List.of(node);
        }
        throw new FormatException(path + " must be an array");
    }
}
