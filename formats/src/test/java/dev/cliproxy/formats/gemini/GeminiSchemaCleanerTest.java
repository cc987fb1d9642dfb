package dev.cliproxy.formats.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.GoldenFiles;
import dev.cliproxy.formats.Json;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GeminiSchemaCleanerTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("gemini");

    private static JsonNode json(String s) {
        return Json.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"schema-mcp-filesystem-edit", "schema-refs-unions-and-oddities"})
    void realWorldSchemasAreCleanedToTheGeminiSubset(String name) {
        JsonNode input = GOLDEN.json(name + ".json");
        JsonNode before = input.deepCopy();
        GOLDEN.assertJson(name + ".cleaned.json", Json.write(GeminiSchemaCleaner.clean(input)));
        assertEquals(before, input, "the input schema is not modified");
    }

    record Case(String name, String input, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("empty schema becomes an empty object schema", "{}",
                        "{\"type\":\"object\",\"properties\":{}}"),
                new Case("boolean schema becomes an empty object schema", "true",
                        "{\"type\":\"object\",\"properties\":{}}"),
                new Case("object without properties gets empty properties", "{\"type\":\"object\"}",
                        "{\"type\":\"object\",\"properties\":{}}"),
                new Case("properties without type are an object",
                        "{\"properties\":{\"a\":{\"type\":\"string\"}}}",
                        "{\"properties\":{\"a\":{\"type\":\"string\"}},\"type\":\"object\"}"),
                new Case("upper-case types are lowered", "{\"type\":\"OBJECT\",\"properties\":{\"a\":{\"type\":\"STRING\"}}}",
                        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}"),
                new Case("OpenAPI nullable becomes a null type member",
                        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"nullable\":true}}}",
                        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":[\"string\",\"null\"]}}}"),
                new Case("multi-type with null becomes anyOf",
                        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":[\"string\",\"integer\",\"null\"]}}}",
                        "{\"type\":\"object\",\"properties\":{\"a\":{\"anyOf\":[{\"type\":\"string\"},"
                                + "{\"type\":\"integer\"},{\"type\":\"null\"}]}}}"),
                new Case("required keeps only existing properties, deduplicated",
                        "{\"type\":\"object\",\"properties\":{\"a\":{}},\"required\":[\"a\",\"a\",\"b\",3]}",
                        "{\"type\":\"object\",\"properties\":{\"a\":{}},\"required\":[\"a\"]}"),
                new Case("required without properties is dropped",
                        "{\"type\":\"object\",\"required\":[\"a\"]}", "{\"type\":\"object\",\"properties\":{}}"),
                new Case("array without items gets string items", "{\"type\":\"object\",\"properties\":"
                        + "{\"a\":{\"type\":\"array\",\"minItems\":1,\"maxItems\":3}}}",
                        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"array\",\"minItems\":1,"
                                + "\"maxItems\":3,\"items\":{\"type\":\"string\"}}}}"),
                new Case("numeric bounds and titles are kept",
                        "{\"type\":\"integer\",\"title\":\"N\",\"minimum\":1,\"maximum\":9}",
                        "{\"type\":\"integer\",\"title\":\"N\",\"minimum\":1,\"maximum\":9}"),
                new Case("a hint joins an existing description",
                        "{\"type\":\"string\",\"description\":\"Zip code\",\"pattern\":\"^[0-9]{5}$\"}",
                        "{\"type\":\"string\",\"description\":\"Zip code (pattern: ^[0-9]{5}$)\"}"),
                new Case("definitions (draft-07) are inlined too",
                        "{\"type\":\"object\",\"properties\":{\"p\":{\"$ref\":\"#/definitions/P\",\"description\":\"d\"}},"
                                + "\"definitions\":{\"P\":{\"type\":\"string\",\"description\":\"orig\"}}}",
                        "{\"type\":\"object\",\"properties\":{\"p\":{\"type\":\"string\",\"description\":\"d\"}}}"),
                new Case("a broken local ref keeps its siblings",
                        "{\"type\":\"object\",\"properties\":{\"p\":{\"$ref\":\"#/$defs/Missing\",\"type\":\"string\"}}}",
                        "{\"type\":\"object\",\"properties\":{\"p\":{\"type\":\"string\"}}}"),
                new Case("a self-referencing root unrolls once, then stops",
                        "{\"type\":\"object\",\"properties\":{\"v\":{\"type\":\"string\"},"
                                + "\"children\":{\"type\":\"array\",\"items\":{\"$ref\":\"#\"}}}}",
                        "{\"type\":\"object\",\"properties\":{\"v\":{\"type\":\"string\"},\"children\":{\"type\":\"array\","
                                + "\"items\":{\"type\":\"object\",\"properties\":{\"v\":{\"type\":\"string\"},"
                                + "\"children\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{}}}}}}}}"),
                new Case("property names that look like keywords are kept",
                        "{\"type\":\"object\",\"properties\":{\"$ref\":{\"type\":\"string\"},\"default\":{\"type\":\"number\"}}}",
                        "{\"type\":\"object\",\"properties\":{\"$ref\":{\"type\":\"string\"},\"default\":{\"type\":\"number\"}}}"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void cleans(Case c) {
        assertEquals(json(c.expected()), GeminiSchemaCleaner.clean(json(c.input())));
    }

    @Test
    void nullSchemaStaysNull() {
        assertNull(GeminiSchemaCleaner.clean(null));
    }

    @Test
    void exponentialReferenceChainsAreBounded() {
        ObjectNode defs = Json.object();
        for (int i = 0; i < 30; i++) {
            ObjectNode d = defs.putObject("D" + i).put("type", "object");
            ObjectNode props = d.putObject("properties");
            props.putObject("left").put("$ref", "#/$defs/D" + (i + 1));
            props.putObject("right").put("$ref", "#/$defs/D" + (i + 1));
        }
        defs.putObject("D30").put("type", "string");
        ObjectNode root = Json.object().put("type", "object");
        root.putObject("properties").putObject("tree").put("$ref", "#/$defs/D0");
        root.set("$defs", defs);
        byte[] cleaned = Json.write(GeminiSchemaCleaner.clean(root));
        assertTrue(cleaned.length < 200_000, () -> "cleaned schema has " + cleaned.length + " bytes");
        assertTrue(new String(cleaned, StandardCharsets.UTF_8).contains("\"left\""));
    }

    @Test
    void deeplyNestedSchemasDoNotOverflowTheStack() {
        ObjectNode root = Json.object().put("type", "object");
        ObjectNode current = root;
        for (int i = 0; i < 500; i++) {
            current = current.putObject("properties").putObject("n").put("type", "object");
        }
        JsonNode cleaned = GeminiSchemaCleaner.clean(root);
        assertEquals("object", cleaned.get("type").asText());
    }
}
