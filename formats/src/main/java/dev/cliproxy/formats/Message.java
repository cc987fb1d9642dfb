package dev.cliproxy.formats;

import java.util.List;
import java.util.Objects;

/**
 * One conversation turn. Tool results travel as {@link ContentPart.ToolResult} parts of a {@link Role#USER} message
 * (OpenAI {@code role:"tool"} messages decode to that); tool calls as {@link ContentPart.ToolCall} parts of an
 * {@link Role#ASSISTANT} message.
 */
public record Message(Role role, List<ContentPart> parts) {

    /** Who wrote a message. System instructions live in {@link ChatRequest#system()}. */
    public enum Role { USER, ASSISTANT }

    public Message {
        Objects.requireNonNull(role, "role");
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    /** A message with one text part. */
    public static Message text(Role role, String text) {
        return new Message(role, List.of(new ContentPart.Text(text)));
    }
}
