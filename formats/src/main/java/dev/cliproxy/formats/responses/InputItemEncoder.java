package dev.cliproxy.formats.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.Message;
import java.util.List;

/**
 * Writes canonical messages as Responses {@code input} items: user content as {@code message} items, tool results
 * as {@code function_call_output}, assistant text as {@code message} with {@code output_text}, tool calls as
 * {@code function_call}, and reasoning as {@code reasoning} items only when its signature was minted by a
 * Responses upstream. Items carry no {@code id}: with {@code store:false} the API would try to look ids up and
 * fail, and the encrypted content is self-contained.
 */
final class InputItemEncoder {

    private final ArrayNode input;
    private ArrayNode pending;

    private InputItemEncoder(ArrayNode input) {
        this.input = input;
    }

    /** Appends the items for {@code messages} to {@code input}. */
    static void encode(List<Message> messages, ArrayNode input) {
        InputItemEncoder enc = new InputItemEncoder(input);
        for (Message m : messages) {
            if (m.role() == Message.Role.USER) {
                enc.user(m.parts());
            } else {
                enc.assistant(m.parts());
            }
        }
    }

    /** A message item with {@code role} and empty content; returns the content array. */
    static ArrayNode messageItem(ArrayNode input, String role) {
        ObjectNode item = input.addObject();
        item.put("type", "message");
        item.put("role", role);
        return item.putArray("content");
    }

    private void user(List<ContentPart> parts) {
        pending = null;
        for (ContentPart p : parts) {
            switch (p) {
                case ContentPart.Text t -> userContent().addObject().put("type", "input_text").put("text", t.text());
                case ContentPart.Image img -> inputImage(userContent(), img);
                case ContentPart.Document d -> inputFile(userContent(), d);
                case ContentPart.ToolResult r -> {
                    pending = null;
                    toolResult(r);
                }
                default -> {
                    // tool calls and reasoning never come from the user side
                }
            }
        }
        pending = null;
    }

    private ArrayNode userContent() {
        if (pending == null) {
            pending = messageItem(input, "user");
        }
        return pending;
    }

    private void assistant(List<ContentPart> parts) {
        pending = null;
        for (ContentPart p : parts) {
            switch (p) {
                case ContentPart.Text t -> {
                    if (pending == null) {
                        pending = messageItem(input, "assistant");
                    }
                    pending.addObject().put("type", "output_text").put("text", t.text());
                }
                case ContentPart.ToolCall c -> {
                    pending = null;
                    ObjectNode item = input.addObject();
                    item.put("type", "function_call");
                    item.put("call_id", c.id());
                    item.put("name", c.name());
                    item.put("arguments", c.arguments());
                }
                case ContentPart.Reasoning r -> {
                    pending = null;
                    reasoning(r);
                }
                default -> {
                    // assistant images/documents cannot be sent back as input; results belong to the user side
                }
            }
        }
        pending = null;
    }

    private void reasoning(ContentPart.Reasoning r) {
        if (r.signature() == null || !r.signature().validFor(WireFormat.OPENAI_RESPONSES)) {
            return; // no encrypted content this upstream minted: the item would be useless or rejected
        }
        ObjectNode item = input.addObject();
        item.put("type", "reasoning");
        ArrayNode summary = item.putArray("summary");
        if (!r.text().isEmpty()) {
            summary.addObject().put("type", "summary_text").put("text", r.text());
        }
        item.put("encrypted_content", r.signature().value());
    }

    private void toolResult(ContentPart.ToolResult r) {
        ObjectNode item = input.addObject();
        item.put("type", "function_call_output");
        item.put("call_id", r.callId());
        boolean textOnly = r.content().stream().allMatch(c -> c instanceof ContentPart.Text);
        if (textOnly) {
            // Responses has no error flag on tool output; an error result travels as its text
            item.put("output", r.text());
            return;
        }
        ArrayNode output = item.putArray("output");
        for (ContentPart c : r.content()) {
            switch (c) {
                case ContentPart.Text t -> output.addObject().put("type", "input_text").put("text", t.text());
                case ContentPart.Image img -> inputImage(output, img);
                case ContentPart.Document d -> inputFile(output, d);
                default -> {
                    // nothing else can appear in a tool result
                }
            }
        }
    }

    static void inputImage(ArrayNode content, ContentPart.Image img) {
        content.addObject().put("type", "input_image").put("image_url", img.asUrl()).put("detail", "auto");
    }

    static void inputFile(ArrayNode content, ContentPart.Document d) {
        ObjectNode part = content.addObject();
        part.put("type", "input_file");
        if (d.data() != null) {
            String mediaType = d.mediaType() == null ? "application/pdf" : d.mediaType();
            part.put("filename", d.fileName() != null ? d.fileName() : defaultFileName(mediaType));
            part.put("file_data", "data:" + mediaType + ";base64," + d.data());
        } else {
            if (d.fileName() != null) {
                part.put("filename", d.fileName());
            }
            part.put("file_url", d.url());
        }
    }

    private static String defaultFileName(String mediaType) {
        return switch (mediaType) {
            case "text/plain" -> "document.txt";
            case "text/markdown" -> "document.md";
            case "text/csv" -> "document.csv";
            case "application/json" -> "document.json";
            case "text/html" -> "document.html";
            default -> "document.pdf";
        };
    }
}
