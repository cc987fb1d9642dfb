package dev.cliproxy.plugin.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClaudeThinkingModeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "claude-3-7-sonnet-20250219, BUDGET",
            "claude-sonnet-4-20250514, BUDGET",
            "claude-opus-4-1-20250805, BUDGET",
            "claude-opus-4-5-20251101, BUDGET",
            "claude-sonnet-4-5-20250929, BUDGET",
            "claude-haiku-4-5-20251001, BUDGET",
            "claude-opus-4-6, ADAPTIVE_PREFERRED",
            "claude-sonnet-4-6, ADAPTIVE_PREFERRED",
            "claude-opus-4-7, ADAPTIVE_ONLY",
            "claude-opus-4-8, ADAPTIVE_ONLY",
            "claude-opus-5, ADAPTIVE_ONLY",
            "claude-sonnet-5, ADAPTIVE_ONLY",
            "claude-fable-5-1, ADAPTIVE_ONLY",
            "claude-mythos-preview, ADAPTIVE_ONLY",
            "claude-haiku-5, ADAPTIVE_ONLY",
            "anthropic/claude-opus-4-7, ADAPTIVE_ONLY",
            "Claude-Opus-4-6, ADAPTIVE_PREFERRED",
            "my-custom-model, BUDGET"})
    void modeFollowsTheModelGeneration(String model, ClaudeThinkingMode mode) {
        assertEquals(mode, ClaudeThinkingMode.of(model));
    }
}
