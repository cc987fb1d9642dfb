package dev.cliproxy.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cliproxy.formats.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class YamlDocumentTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = YamlDocumentTest.class.getResourceAsStream("/config/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void unchangedDocumentIsWrittenBackByteForByte() throws IOException {
        String text = resource("commented.yaml");
        assertEquals(text, YamlDocument.parse(text, "commented.yaml").text());
    }

    @Test
    void editsChangeOnlyTheEditedValuesAndKeepCommentsOrderAndQuoting() throws IOException {
        YamlDocument doc = YamlDocument.parse(resource("commented.yaml"), "commented.yaml");

        doc.set(BooleanNode.TRUE, "debug");
        doc.set(TextNode.valueOf("socks5://user:pass@127.0.0.1:1080/"), "proxy-url");
        doc.set(BooleanNode.FALSE, "quota-exceeded", "switch-project");
        ArrayNode keys = (ArrayNode) doc.get("api-keys");
        keys.set(1, TextNode.valueOf("team-b-key-2"));
        keys.add("team-d-key");
        doc.set(keys, "api-keys");
        ArrayNode claude = (ArrayNode) doc.get("claude-api-key");
        ((ObjectNode) claude.get(1)).put("base-url", "https://backup.example.com");
        doc.set(claude, "claude-api-key");
        doc.set(json("3"), "request-retry");

        assertEquals(resource("commented-after-edits.yaml"), doc.text());
    }

    @Test
    void providerSectionsSurviveEditsWithEveryOtherComment() throws IOException {
        String original = resource("provider-sections.yaml");
        YamlDocument doc = YamlDocument.parse(original, "provider-sections.yaml");
        assertEquals(original, doc.text());

        ArrayNode compat = (ArrayNode) doc.get("openai-compatibility");
        ((ObjectNode) compat.get(0)).put("base-url", "https://openrouter.example/api/v1");
        ((ArrayNode) compat.get(0).get("api-key-entries")).remove(1);
        compat.addObject().put("name", "local").put("base-url", "http://127.0.0.1:11434/v1");
        doc.set(compat, "openai-compatibility");
        ArrayNode upstream = (ArrayNode) doc.get("ampcode", "upstream-api-keys");
        ((ArrayNode) upstream.get(0).get("api-keys")).add("team-b-key");
        doc.set(upstream, "ampcode", "upstream-api-keys");
        doc.set(TextNode.valueOf("fill-first"), "routing", "strategy");
        String edited = doc.text();

        for (String line : original.lines().toList()) {
            int hash = line.indexOf(" #");
            String comment = line.trim().startsWith("#") ? line.trim() : hash >= 0 ? line.substring(hash + 1) : null;
            if (comment != null && !line.contains("b781")) {
                assertTrue(edited.contains(comment), "lost '" + comment + "' in:\n" + edited);
            }
        }
        JsonNode back = YamlTree.parse(edited, "edited").root();
        assertEquals("https://openrouter.example/api/v1", back.at("/openai-compatibility/0/base-url").asText());
        assertEquals(1, back.at("/openai-compatibility/0/api-key-entries").size());
        assertEquals("local", back.at("/openai-compatibility/1/name").asText());
        assertEquals(json("[\"team-a-key\",\"team-b-key\"]"), back.at("/ampcode/upstream-api-keys/0/api-keys"));
        assertEquals("fill-first", back.at("/routing/strategy").asText());
        assertEquals(edited, YamlDocument.parse(edited, "again").text(), "a second round trip changes nothing");
    }

    @Test
    void readsTheDocumentAsJson() throws IOException {
        YamlDocument doc = YamlDocument.parse(resource("commented.yaml"), "commented.yaml");
        assertEquals(json("[\"team-a-key\",\"team-b-key\",\"team-c-key\"]"), doc.get("api-keys"));
        assertEquals(json("{\"switch-project\":true,\"switch-preview-model\":true}"), doc.get("quota-exceeded"));
        assertEquals("1.50", doc.get("some-future-setting", "nested").decimalValue().toPlainString());
        assertTrue(doc.get("no-such-key").isMissingNode());
        assertTrue(doc.get("debug", "deeper").isMissingNode());
    }

    @Test
    void createsMissingSectionsAtTheEnd() {
        YamlDocument doc = YamlDocument.parse("# header\ndebug: false\n", "c.yaml");
        doc.set(BooleanNode.FALSE, "quota-exceeded", "switch-project");
        assertEquals("# header\ndebug: false\nquota-exceeded:\n  switch-project: false\n", doc.text());
    }

    @Test
    void anEmptyDocumentCanBeFilled() {
        YamlDocument doc = YamlDocument.parse("", "c.yaml");
        assertEquals("", doc.text());
        doc.set(Json.MAPPER.createArrayNode().add("k1"), "api-keys");
        assertEquals("api-keys:\n  - k1\n", doc.text());
    }

    @Test
    void removesKeys() {
        YamlDocument doc = YamlDocument.parse("a: 1\nb:\n  c: 2\n  d: 3\n", "c.yaml");
        assertTrue(doc.remove("b", "c"));
        assertFalse(doc.remove("b", "x"));
        assertTrue(doc.remove("a"));
        assertEquals("b:\n  d: 3\n", doc.text());
    }

    @Test
    void anEmptyFlowListBecomesABlockListWhenFilled() {
        YamlDocument doc = YamlDocument.parse("claude-api-key: [] # none yet\n", "c.yaml");
        doc.set(json("[{\"api-key\":\"sk-a\",\"models\":[{\"name\":\"m\"}]}]"), "claude-api-key");
        assertEquals("claude-api-key: # none yet\n  - api-key: sk-a\n    models:\n      - name: m\n", doc.text());
        assertEquals(doc.text(), YamlDocument.parse(doc.text(), "again").text());
    }

    record Value(String json) {
    }

    static Stream<Value> valuesThatMustKeepTheirType() {
        return Stream.of("\"true\"", "\"123\"", "\"\"", "\"null\"", "\"1.5\"", "\"a: b\"", "\"# not a comment\"",
                "\"multi\\nline\"", "\" padded \"", "true", "0", "-7", "1.25", "null", "\"$2a$10$abc\"",
                "\"~\"", "\"yes\"", "\"@at\"", "\"*star\"", "\"- dash\"").map(Value::new);
    }

    @ParameterizedTest
    @MethodSource("valuesThatMustKeepTheirType")
    void writtenValuesReadBackUnchanged(Value v) {
        YamlDocument doc = YamlDocument.parse("x: 1 # note\nlist:\n  - \"a\"\n", "c.yaml");
        JsonNode value = json(v.json());
        doc.set(value, "x");
        ArrayNode list = (ArrayNode) doc.get("list");
        list.add(value);
        doc.set(list, "list");
        JsonNode back = YamlTree.parse(doc.text(), "c.yaml").root();
        assertTrue(YamlNodes.same(value, back.get("x")), doc.text());
        assertTrue(YamlNodes.same(value, back.get("list").get(1)), doc.text());
        assertTrue(doc.text().contains("# note"), doc.text());
    }

    @Test
    void aBrokenDocumentIsRejectedWithLineAndColumn() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> YamlDocument.parse("a: 1\nb: [unclosed\nc: 2\n", "broken.yaml"));
        assertTrue(e.getMessage().matches("broken\\.yaml line \\d+, column \\d+: invalid YAML: .*"), e.getMessage());
    }

    @Test
    void aDocumentThatIsNotAMappingIsRejected() {
        assertThrows(ConfigException.class, () -> YamlDocument.parse("- a\n- b\n", "list.yaml"));
    }

    @Test
    void windowsLineEndingsAreKept() {
        YamlDocument doc = YamlDocument.parse("# c\r\na: 1\r\nb: 2\r\n", "c.yaml");
        doc.set(json("5"), "b");
        assertEquals("# c\r\na: 1\r\nb: 5\r\n", doc.text());
    }

    @Test
    void listItemsAreMatchedByValueSoDeletingOneKeepsTheOthersComments() {
        YamlDocument doc = YamlDocument.parse("keys:\n  - a # first\n  - b # second\n  - c # third\n", "c.yaml");
        doc.set(json("[\"b\",\"c\"]"), "keys");
        assertEquals("keys:\n  - b # second\n  - c # third\n", doc.text());
        doc.set(json("[\"b\",\"x\",\"c\"]"), "keys");
        assertEquals(List.of("keys:", "  - b # second", "  - x", "  - c # third"), doc.text().lines().toList());
    }
}
