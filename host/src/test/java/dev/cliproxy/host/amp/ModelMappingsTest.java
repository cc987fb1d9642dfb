package dev.cliproxy.host.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cliproxy.formats.Json;
import org.junit.jupiter.api.Test;

class ModelMappingsTest {

    private static ModelMappings of(String json) throws Exception {
        return ModelMappings.of(Json.MAPPER.readTree(json));
    }

    @Test
    void exactMappingsMatchCaseInsensitivelyBeforeAnyPattern() throws Exception {
        ModelMappings m = of("""
                [{"from":"claude-.*","regex":true,"to":"by-pattern"},
                 {"from":"Claude-Opus-4","to":"by-name"}]""");

        assertEquals("by-name", m.target("claude-opus-4"));
        assertEquals("by-name", m.target("CLAUDE-OPUS-4"));
        assertEquals("by-pattern", m.target("claude-haiku"));
    }

    @Test
    void patternsAreTriedInOrderAndFoundAnywhereInTheName() throws Exception {
        ModelMappings m = of("""
                [{"from":"^gpt-5$","regex":true,"to":"first"},
                 {"from":"GPT","regex":true,"to":"second"}]""");

        assertEquals("first", m.target("gpt-5"));
        assertEquals("second", m.target("openai/gpt-5-mini"));
        assertNull(m.target("gemini-2.5-pro"));
    }

    @Test
    void skipsEntriesWithoutFromOrToAndPatternsThatDoNotCompile() throws Exception {
        ModelMappings m = of("""
                [{"from":"","to":"x"},{"from":"a","to":"  "},{"from":"(","regex":true,"to":"broken"},
                 {"from":"a","to":"kept"}]""");

        assertEquals("kept", m.target("a"));
        assertNull(m.target("("));
    }
}
