package dev.cliproxy.formats.gemini;

import dev.cliproxy.formats.FinishReason;

/**
 * Finish reasons both ways. From Gemini: {@code STOP} is {@link FinishReason#STOP} ({@link FinishReason#TOOL_CALLS}
 * when the answer holds a function call), {@code MAX_TOKENS} is {@link FinishReason#LENGTH}, the safety family
 * ({@code SAFETY, RECITATION, BLOCKLIST, PROHIBITED_CONTENT, SPII, IMAGE_SAFETY, IMAGE_PROHIBITED_CONTENT,
 * IMAGE_RECITATION}) is {@link FinishReason#CONTENT_FILTER}, failed tool calls and malformed output
 * ({@code MALFORMED_FUNCTION_CALL, UNEXPECTED_TOOL_CALL, TOO_MANY_TOOL_CALLS, MISSING_THOUGHT_SIGNATURE,
 * MALFORMED_RESPONSE}) are {@link FinishReason#ERROR}, and everything else ({@code OTHER, LANGUAGE, NO_IMAGE,
 * IMAGE_OTHER, FINISH_REASON_UNSPECIFIED}, unknown values) is {@link FinishReason#STOP}.
 */
final class GeminiFinishReasons {

    private GeminiFinishReasons() {
    }

    /** The canonical reason for a Gemini {@code finishReason}; {@code null} for {@code null}. */
    static FinishReason decode(String reason, boolean hasToolCalls) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
                 "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" -> FinishReason.CONTENT_FILTER;
            case "MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS", "MISSING_THOUGHT_SIGNATURE",
                 "MALFORMED_RESPONSE" -> FinishReason.ERROR;
            default -> hasToolCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
        };
    }

    /** The Gemini {@code finishReason} for a canonical one ({@code STOP} for tool calls and unknown). */
    static String encode(FinishReason reason) {
        if (reason == null) {
            return "STOP";
        }
        return switch (reason) {
            case STOP, TOOL_CALLS -> "STOP";
            case LENGTH -> "MAX_TOKENS";
            case CONTENT_FILTER -> "SAFETY";
            case ERROR -> "OTHER";
        };
    }
}
