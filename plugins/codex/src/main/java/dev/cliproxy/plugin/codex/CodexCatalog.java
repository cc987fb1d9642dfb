package dev.cliproxy.plugin.codex;

import dev.cliproxy.api.ModelInfo;
import java.util.List;

/** The GPT-5 / Codex models the Codex CLI offers, newest first. */
final class CodexCatalog {

    static final List<ModelInfo> MODELS = List.of(
            // the presets of Codex CLI 0.169 (gpt-6.1-sol is its default model); dates and limits not published
            ModelInfo.of("gpt-6.1-sol", "openai"),
            ModelInfo.of("gpt-6.1-terra", "openai"),
            ModelInfo.of("gpt-6-sol", "openai"),
            ModelInfo.of("gpt-6-luna", "openai"),
            model("gpt-6-astra", "GPT 6.0 Astra", 1783616400L, 272_000),
            model("gpt-5.6-sol", "GPT 5.6 Sol", 1783616400L, 372_000),
            model("gpt-5.6-terra", "GPT 5.6 Terra", 1783616400L, 372_000),
            model("gpt-5.6-luna", "GPT 5.6 Luna", 1783616400L, 372_000),
            model("gpt-5.5", "GPT 5.5", 1776902400L, 272_000),
            model("gpt-5.3-codex-spark", "GPT 5.3 Codex Spark", 1770912000L, 128_000),
            model("codex-auto-review", "Codex Auto Review", 1776902400L, 272_000));

    private CodexCatalog() {
    }

    private static ModelInfo model(String id, String name, long created, int context) {
        return ModelInfo.builder(id).displayName(name).ownedBy("openai").created(created).tokenLimits(context, 128_000)
                .build();
    }
}
