package dev.cliproxy.host.pipeline;

import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.Message;
import dev.cliproxy.formats.ToolDefinition;

/**
 * A clear, documented estimate of input tokens for upstreams that cannot count: one token per four characters of
 * text (instructions, messages, tool calls and results, tool schemas), plus a fixed cost per image.
 */
final class TokenEstimate {

    private static final int IMAGE_TOKENS = 1000;

    private TokenEstimate() {
    }

    static long of(ChatRequest r) {
        long chars = 0;
        long extra = 0;
        for (ContentPart p : r.system()) {
            chars += length(p);
        }
        for (Message m : r.messages()) {
            extra += 4;
            for (ContentPart p : m.parts()) {
                chars += length(p);
                if (p instanceof ContentPart.Image || p instanceof ContentPart.Document) {
                    extra += IMAGE_TOKENS;
                }
            }
        }
        for (ToolDefinition t : r.tools()) {
            chars += t.name().length() + t.description().length()
                    + (t.parameters() == null ? 0 : t.parameters().toString().length());
        }
        return (chars + 3) / 4 + extra;
    }

    private static long length(ContentPart p) {
        return switch (p) {
            case ContentPart.Text t -> t.text().length();
            case ContentPart.ToolCall c -> c.name().length() + c.arguments().length();
            case ContentPart.ToolResult r -> r.text().length();
            case ContentPart.Reasoning r -> r.text().length();
            case ContentPart.Image i -> 0;
            case ContentPart.Document d -> 0;
        };
    }
}
