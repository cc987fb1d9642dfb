package dev.cliproxy.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cliproxy.formats.ReasoningConfig.Effort;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ThinkingSuffixTest {

    record Case(String name, String model, Effort effort, Integer budget) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("gpt-5(high)", "gpt-5", Effort.HIGH, null),
                new Case("gpt-5( Medium )", "gpt-5", Effort.MEDIUM, null),
                new Case("gpt-5(max)", "gpt-5", Effort.XHIGH, null),
                new Case("claude-sonnet-4(16384)", "claude-sonnet-4", null, 16384),
                new Case("claude-sonnet-4(999999)", "claude-sonnet-4", null, ThinkingSuffix.MAX_BUDGET),
                new Case("gemini-2.5-pro(0)", "gemini-2.5-pro", Effort.NONE, null),
                new Case("gemini-2.5-pro(none)", "gemini-2.5-pro", Effort.NONE, null),
                new Case("gemini-2.5-pro(-1)", "gemini-2.5-pro", Effort.AUTO, null),
                new Case("gemini-2.5-pro(auto)", "gemini-2.5-pro", Effort.AUTO, null),
                new Case("team/model(low)", "team/model", Effort.LOW, null),
                new Case("model(preview)", "model(preview)", null, null),
                new Case("model", "model", null, null),
                new Case("(high)", "(high)", null, null),
                new Case("model(high", "model(high", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void splitsTheModelFromItsThinkingSetting(Case c) {
        ThinkingSuffix s = ThinkingSuffix.parse(c.name);
        assertEquals(c.model, s.model());
        assertEquals(c.effort, s.reasoning() == null ? null : s.reasoning().effort());
        assertEquals(c.budget, s.reasoning() == null ? null : s.reasoning().budgetTokens());
    }
}
