package dev.cliproxy.formats.claude;

import dev.cliproxy.formats.FinishReason;

/**
 * Claude {@code stop_reason} values and canonical finish reasons. {@code pause_turn} (a server tool paused the
 * turn) reads as STOP; {@code model_context_window_exceeded} as LENGTH; {@code refusal} as CONTENT_FILTER.
 */
final class ClaudeStopReasons {

    private ClaudeStopReasons() {
    }

    /** The canonical reason for a wire value; {@code null} for {@code null}, STOP for unknown values. */
    static FinishReason fromWire(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP;
        };
    }

    /**
     * The wire value for a canonical reason. A turn that made tool calls ends in {@code tool_use} even when the
     * upstream said STOP (Gemini does), so Claude clients run the tools; ERROR and unknown end in
     * {@code end_turn}.
     */
    static String toWire(FinishReason reason, String stopSequence, boolean madeToolCalls) {
        if (reason == null) {
            return madeToolCalls ? "tool_use" : "end_turn";
        }
        return switch (reason) {
            case STOP -> stopSequence != null ? "stop_sequence" : madeToolCalls ? "tool_use" : "end_turn";
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
            case CONTENT_FILTER -> "refusal";
            case ERROR -> madeToolCalls ? "tool_use" : "end_turn";
        };
    }
}
