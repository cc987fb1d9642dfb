package dev.cliproxy.plugin.gemini;

import dev.cliproxy.api.ModelInfo;
import java.util.List;

/** The current Gemini API text models (ids as {@code models.list} names them, without {@code models/}). */
final class GeminiCatalog {

    private static final int CONTEXT = 1_048_576;
    private static final int OUTPUT = 65_536;

    static final List<ModelInfo> MODELS = List.of(
            // Gemini CLI 0.61's latest flash (its default model), base flash-lite and preview pro
            model("gemini-3.8-flash", "Gemini 3.8 Flash", 0L),
            model("gemini-3.6-flash", "Gemini 3.6 Flash", 1782864000L),
            model("gemini-3.5-flash", "Gemini 3.5 Flash", 1779235200L),
            model("gemini-3.5-flash-lite", "Gemini 3.5 Flash Lite", 1782864000L),
            model("gemini-3.1-pro-preview", "Gemini 3.1 Pro Preview", 1771459200L),
            model("gemini-3.1-flash-lite", "Gemini 3.1 Flash Lite", 0L),
            model("gemini-3-pro-preview", "Gemini 3 Pro Preview", 0L),
            model("gemini-3.1-flash-lite-preview", "Gemini 3.1 Flash Lite Preview", 1776288000L),
            model("gemini-3-flash-preview", "Gemini 3 Flash Preview", 1765929600L),
            model("gemini-2.5-pro", "Gemini 2.5 Pro", 1750118400L),
            model("gemini-2.5-flash", "Gemini 2.5 Flash", 1750118400L),
            model("gemini-2.5-flash-lite", "Gemini 2.5 Flash Lite", 1753142400L));

    private GeminiCatalog() {
    }

    private static ModelInfo model(String id, String name, long created) {
        return ModelInfo.builder(id).displayName(name).ownedBy("google").created(created).tokenLimits(CONTEXT, OUTPUT)
                .build();
    }
}
