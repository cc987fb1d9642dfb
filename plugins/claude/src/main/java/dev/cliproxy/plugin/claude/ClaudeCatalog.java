package dev.cliproxy.plugin.claude;

import dev.cliproxy.api.ModelInfo;
import java.util.List;

/**
 * The current Claude models of the Anthropic API (ids as listed by its models endpoint), newest first. Served by
 * credentials that configure no {@code models}.
 */
final class ClaudeCatalog {

    static final List<ModelInfo> MODELS = List.of(
            model("claude-opus-5", "Claude Opus 5", 1784038800L, 1_000_000, 128_000),
            model("claude-sonnet-5", "Claude Sonnet 5", 1782777600L, 1_000_000, 128_000),
            model("claude-fable-5-1", "Claude Fable 5.1", 1788220800L, 1_000_000, 128_000),
            model("claude-fable-5", "Claude Fable 5", 1781049600L, 1_000_000, 128_000),
            model("claude-opus-4-8", "Claude Opus 4.8", 1779984000L, 1_000_000, 128_000),
            model("claude-opus-4-7", "Claude Opus 4.7", 1776297600L, 1_000_000, 128_000),
            model("claude-opus-4-6", "Claude Opus 4.6", 1770318000L, 1_000_000, 128_000),
            model("claude-sonnet-4-6", "Claude Sonnet 4.6", 1771372800L, 200_000, 64_000),
            model("claude-opus-4-5-20251101", "Claude Opus 4.5", 1761955200L, 200_000, 64_000),
            model("claude-sonnet-4-5-20250929", "Claude Sonnet 4.5", 1759104000L, 200_000, 64_000),
            model("claude-haiku-4-5-20251001", "Claude Haiku 4.5", 1759276800L, 200_000, 64_000));

    private ClaudeCatalog() {
    }

    private static ModelInfo model(String id, String name, long created, int input, int output) {
        return ModelInfo.builder(id).displayName(name).ownedBy("anthropic").created(created).tokenLimits(input, output)
                .build();
    }
}
