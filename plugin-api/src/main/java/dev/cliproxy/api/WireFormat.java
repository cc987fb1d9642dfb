package dev.cliproxy.api;

/**
 * The four public wire formats the proxy speaks, on the client side and on the upstream side.
 * Each provider plugin has exactly one native format; each inbound route has exactly one client format.
 */
public enum WireFormat {
    /** OpenAI Chat Completions ({@code POST /v1/chat/completions}). */
    OPENAI_CHAT("openai"),
    /** OpenAI Responses ({@code POST /v1/responses}). */
    OPENAI_RESPONSES("openai-response"),
    /** Anthropic Messages ({@code POST /v1/messages}). */
    CLAUDE_MESSAGES("claude"),
    /** Google Gemini generateContent ({@code POST /v1beta/models/{model}:generateContent}). */
    GEMINI("gemini");

    private final String id;

    WireFormat(String id) {
        this.id = id;
    }

    /** A short stable name, used in logs, metrics labels and tagged signatures. */
    public String id() {
        return id;
    }

    /** The format with the given {@link #id()}, or {@code null} when none matches. */
    public static WireFormat fromId(String id) {
        for (WireFormat f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        return null;
    }
}
