package dev.cliproxy.host.pipeline;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ModelFieldRewriter;
import java.util.List;

/** Where each format writes the model name, for pass-through rewriting (alias -> upstream name and back). */
final class ModelPaths {

    private static final ModelFieldRewriter TOP = ModelFieldRewriter.topLevel("model");
    private static final ModelFieldRewriter GEMINI = ModelFieldRewriter.topLevel("modelVersion");
    private static final ModelFieldRewriter RESPONSES_EVENT = new ModelFieldRewriter(
            List.of(List.of("response", "model")));
    private static final ModelFieldRewriter CLAUDE_EVENT = new ModelFieldRewriter(
            List.of(List.of("message", "model")));

    private ModelPaths() {
    }

    /** The rewriter of a request body's model, or {@code null} when the format keeps it in the URL (Gemini). */
    static ModelFieldRewriter request(WireFormat f) {
        return f == WireFormat.GEMINI ? null : TOP;
    }

    /** The rewriter of a whole response body's model. */
    static ModelFieldRewriter response(WireFormat f) {
        return f == WireFormat.GEMINI ? GEMINI : TOP;
    }

    /** The rewriter of a stream event's model. */
    static ModelFieldRewriter event(WireFormat f) {
        return switch (f) {
            case OPENAI_CHAT -> TOP;
            case OPENAI_RESPONSES -> RESPONSES_EVENT;
            case CLAUDE_MESSAGES -> CLAUDE_EVENT;
            case GEMINI -> GEMINI;
        };
    }
}
