package dev.cliproxy.formats;

/**
 * One canonical streaming event. Stream decoders turn upstream events into these; stream encoders turn them into
 * client events. Content arrives as deltas; encoders open and close their format's content blocks themselves
 * (when the kind of delta changes), so {@link BlockEnd} is a hint, never required.
 */
public sealed interface StreamEvent {

    /** The answer begins. {@code usage} carries input tokens when the upstream reports them up front. */
    record MessageStart(String id, String model, Usage usage) implements StreamEvent {
    }

    /** A piece of answer text. */
    record TextDelta(String text) implements StreamEvent {
    }

    /** A piece of reasoning text (or reasoning summary). */
    record ReasoningDelta(String text) implements StreamEvent {
    }

    /** The signature of the reasoning just streamed; closes that reasoning block. */
    record ReasoningSignature(Signature signature) implements StreamEvent {
    }

    /** An opaque redacted reasoning block (Claude {@code redacted_thinking}). */
    record RedactedReasoning(String data) implements StreamEvent {
    }

    /**
     * A tool call begins. {@code index} numbers the tool calls of this answer from 0; argument deltas refer to it.
     * {@code signature} is a provider signature bound to the call (Gemini), or {@code null}.
     */
    record ToolCallStart(int index, String id, String name, Signature signature) implements StreamEvent {
    }

    /** A fragment of the JSON arguments of tool call {@code index}; fragments concatenate to the full JSON text. */
    record ToolCallDelta(int index, String argumentsFragment) implements StreamEvent {
    }

    /** The current content block ended (a hint from formats with explicit blocks). */
    record BlockEnd() implements StreamEvent {
    }

    /** Latest cumulative usage totals; later reports replace earlier ones field by field (see {@link Usage#max}). */
    record UsageUpdate(Usage usage) implements StreamEvent {
    }

    /** Why the model stopped; may arrive before the last {@link UsageUpdate}. */
    record Finish(FinishReason reason, String stopSequence) implements StreamEvent {
    }

    /** The upstream reported an error inside the stream. */
    record StreamError(ApiError error) implements StreamEvent {
    }
}
