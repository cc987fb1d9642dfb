package dev.cliproxy.host.pipeline;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.sse.SseEvent;
import java.nio.charset.StandardCharsets;

/**
 * Watches a passed-through stream for its format's terminal event ({@code [DONE]}, {@code message_stop},
 * {@code response.completed}, a Gemini {@code finishReason}, an in-band error...), so that a stream the upstream
 * cut short still ends with an error event instead of silently.
 */
final class TerminalEvents {

    private static final byte[] FINISH_REASON = "\"finishReason\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR_FIELD = "\"error\"".getBytes(StandardCharsets.US_ASCII);

    private final WireFormat format;
    private boolean seen;

    TerminalEvents(WireFormat format) {
        this.format = format;
    }

    void see(SseEvent ev) {
        if (seen) {
            return;
        }
        String name = ev.event();
        seen = switch (format) {
            case OPENAI_CHAT -> ev.dataEquals("[DONE]") || "error".equals(name) || errorChunk(ev.data());
            case CLAUDE_MESSAGES -> "message_stop".equals(name) || "error".equals(name);
            case OPENAI_RESPONSES -> "response.completed".equals(name) || "response.incomplete".equals(name)
                    || "response.failed".equals(name) || "error".equals(name);
            case GEMINI -> ByteSearch.contains(ev.data(), FINISH_REASON) || "error".equals(name)
                    || errorChunk(ev.data());
        };
    }

    /** Whether the data is an in-band error object ({@code {"error":...}}), as OpenAI and Google send them. */
    private static boolean errorChunk(byte[] data) {
        int i = skipSpace(data, 0);
        if (i >= data.length || data[i] != '{') {
            return false;
        }
        i = skipSpace(data, i + 1);
        for (int j = 0; j < ERROR_FIELD.length; j++) {
            if (i + j >= data.length || data[i + j] != ERROR_FIELD[j]) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpace(byte[] data, int i) {
        while (i < data.length && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t')) {
            i++;
        }
        return i;
    }

    boolean seen() {
        return seen;
    }
}
