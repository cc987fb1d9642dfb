package dev.cliproxy.formats;

import java.util.List;

/**
 * A whole (non-streaming) model answer in canonical form.
 *
 * @param id           the upstream response id (may be {@code null}; encoders then generate one)
 * @param model        the model that answered
 * @param created      creation time in epoch seconds (0 when unknown)
 * @param content      {@link ContentPart.Reasoning}, {@link ContentPart.Text}, {@link ContentPart.ToolCall} and
 *                     {@link ContentPart.Image} parts in output order
 * @param finishReason why the model stopped; {@code null} when unknown
 * @param stopSequence the stop sequence that ended the output, or {@code null}
 * @param usage        token usage, or {@code null} when the upstream sent none
 */
public record ChatResponse(String id, String model, long created, List<ContentPart> content,
                           FinishReason finishReason, String stopSequence, Usage usage) {

    public ChatResponse {
        content = content == null ? List.of() : List.copyOf(content);
    }

    /** The same response under another model name. */
    public ChatResponse withModel(String newModel) {
        return new ChatResponse(id, newModel, created, content, finishReason, stopSequence, usage);
    }

    /** Whether the content holds at least one tool call. */
    public boolean hasToolCalls() {
        return content.stream().anyMatch(p -> p instanceof ContentPart.ToolCall);
    }
}
