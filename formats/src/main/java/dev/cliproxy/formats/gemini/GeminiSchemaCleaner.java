package dev.cliproxy.formats.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Cleans a JSON schema down to the subset Gemini accepts in {@code parametersJsonSchema} and
 * {@code responseJsonSchema}: {@code type, format, title, description, enum, items, prefixItems, minItems,
 * maxItems, minimum, maximum, anyOf, oneOf, properties, additionalProperties, required, propertyOrdering}.
 * Every keyword has a rule in {@link #RULES}; keywords without one are dropped ({@code $schema}, {@code $id},
 * {@code $comment}, {@code patternProperties}, {@code if/then/else}, {@code not}, {@code default}, {@code x-*}...),
 * a few constraints become a hint in the description. Local {@code $ref}s are inlined (bounded depth, cycles cut),
 * {@code allOf} is merged, {@code const} becomes a one-value {@code enum}, {@code required} keeps only existing
 * properties, object schemas always get {@code properties} (empty when none) and arrays without {@code items} get
 * string items (Gemini rejects tool arrays without an item schema).
 */
final class GeminiSchemaCleaner {

    private enum Rule { COPY, FORMAT, TYPE, NULLABLE, ITEMS, LIST, ONE_OF, PROPERTIES, ADDITIONAL, ENUM, CONST, REQUIRED,
        ALL_OF, HINT }

    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("type", Rule.TYPE), Map.entry("nullable", Rule.NULLABLE), Map.entry("format", Rule.FORMAT),
            Map.entry("title", Rule.COPY), Map.entry("description", Rule.COPY), Map.entry("enum", Rule.ENUM),
            Map.entry("const", Rule.CONST), Map.entry("items", Rule.ITEMS), Map.entry("prefixItems", Rule.LIST),
            Map.entry("minItems", Rule.COPY), Map.entry("maxItems", Rule.COPY), Map.entry("minimum", Rule.COPY),
            Map.entry("maximum", Rule.COPY), Map.entry("anyOf", Rule.LIST), Map.entry("oneOf", Rule.ONE_OF),
            Map.entry("allOf", Rule.ALL_OF), Map.entry("properties", Rule.PROPERTIES),
            Map.entry("additionalProperties", Rule.ADDITIONAL), Map.entry("required", Rule.REQUIRED),
            Map.entry("propertyOrdering", Rule.COPY), Map.entry("pattern", Rule.HINT),
            Map.entry("minLength", Rule.HINT), Map.entry("maxLength", Rule.HINT),
            Map.entry("exclusiveMinimum", Rule.HINT), Map.entry("exclusiveMaximum", Rule.HINT),
            Map.entry("multipleOf", Rule.HINT), Map.entry("minProperties", Rule.HINT),
            Map.entry("maxProperties", Rule.HINT), Map.entry("uniqueItems", Rule.HINT));

    /** Formats Gemini documents; others become a description hint. */
    private static final Set<String> FORMATS = Set.of("date-time", "date", "time", "duration", "enum", "int32",
            "int64", "float", "double");

    private static final int MAX_DEPTH = 64;
    private static final int MAX_ACTIVE_REFS = 8;
    private static final int MAX_EXPANSIONS = 256;

    private final JsonNode root;
    private final Set<String> activeRefs = new HashSet<>();
    private int expansions;

    private GeminiSchemaCleaner(JsonNode root) {
        this.root = root;
    }

    /** The cleaned copy of {@code schema}; {@code null} for {@code null}. Never modifies its input. */
    static ObjectNode clean(JsonNode schema) {
        if (schema == null || schema.isNull()) {
            return null;
        }
        ObjectNode out = new GeminiSchemaCleaner(schema).node(schema, 0);
        if (!out.has("type") && !out.has("anyOf")) {
            out.put("type", "object");
            out.putObject("properties");
        }
        return out;
    }

    /** The cleaned copy of one (sub-)schema. */
    ObjectNode node(JsonNode in, int depth) {
        if (!in.isObject() || depth > MAX_DEPTH) {
            return Json.object();
        }
        JsonNode ref = in.get("$ref");
        if (ref != null && ref.isTextual()) {
            return inlineRef(ref.textValue(), (ObjectNode) in, depth);
        }
        GeminiSchemaNode pending = new GeminiSchemaNode();
        ObjectNode out = Json.object();
        in.fields().forEachRemaining(e -> apply(e.getKey(), e.getValue(), out, pending, depth));
        pending.finish(this, out, depth);
        return out;
    }

    private void apply(String key, JsonNode v, ObjectNode out, GeminiSchemaNode pending, int depth) {
        Rule rule = RULES.get(key);
        if (rule == null) {
            return;
        }
        switch (rule) {
            case COPY -> out.set(key, v.deepCopy());
            case FORMAT -> {
                if (v.isTextual() && FORMATS.contains(v.textValue())) {
                    out.set(key, v.deepCopy());
                } else {
                    pending.hint(key, v);
                }
            }
            case TYPE, REQUIRED -> {
                pending.keyword(key, v);
                out.putNull(key); // keeps the keyword's position; set or removed when the node is finished
            }
            case NULLABLE, CONST, ALL_OF -> pending.keyword(key, v);
            case ENUM -> enumValues(v, out);
            case HINT -> pending.hint(key, v);
            default -> applySchemas(rule, key, v, out, pending, depth);
        }
    }

    /** The rules whose values hold sub-schemas. */
    private void applySchemas(Rule rule, String key, JsonNode v, ObjectNode out, GeminiSchemaNode pending,
                              int depth) {
        switch (rule) {
            case ITEMS -> {
                if (v.isObject()) {
                    out.set("items", node(v, depth + 1));
                } else if (v.isArray()) {
                    out.set("prefixItems", list(v, depth));
                }
            }
            case LIST -> addAll(out, key, list(v, depth));
            case ONE_OF -> addAll(out, "anyOf", list(v, depth));
            case PROPERTIES -> properties(v, out, pending, depth);
            case ADDITIONAL -> {
                if (v.isBoolean()) {
                    out.set(key, v.deepCopy());
                } else if (v.isObject()) {
                    out.set(key, node(v, depth + 1));
                }
            }
            default -> throw new IllegalStateException("no schema rule " + rule);
        }
    }

    private void properties(JsonNode v, ObjectNode out, GeminiSchemaNode pending, int depth) {
        if (!v.isObject()) {
            return;
        }
        ObjectNode props = out.putObject("properties");
        v.fields().forEachRemaining(p -> {
            JsonNode req = p.getValue().get("required");
            if (req != null && req.isBoolean() && req.booleanValue()) {
                pending.requiredProperty(p.getKey());
            }
            props.set(p.getKey(), node(p.getValue(), depth + 1));
        });
    }

    private ArrayNode list(JsonNode v, int depth) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (v.isArray()) {
            v.forEach(item -> out.add(node(item, depth + 1)));
        }
        return out;
    }

    private static void addAll(ObjectNode out, String key, ArrayNode items) {
        if (items.isEmpty()) {
            return;
        }
        JsonNode existing = out.get(key);
        if (existing instanceof ArrayNode a) {
            a.addAll(items);
        } else {
            out.set(key, items);
        }
    }

    /** Gemini enums hold strings and numbers only. */
    private static void enumValues(JsonNode v, ObjectNode out) {
        if (!v.isArray()) {
            return;
        }
        ArrayNode values = Json.MAPPER.createArrayNode();
        v.forEach(item -> {
            if (item.isTextual() || item.isNumber()) {
                values.add(item.deepCopy());
            }
        });
        if (!values.isEmpty()) {
            out.set("enum", values);
        }
    }

    private ObjectNode inlineRef(String ref, ObjectNode in, int depth) {
        ObjectNode siblings = in.deepCopy();
        siblings.remove("$ref");
        JsonNode target = resolve(ref);
        if (target == null || !target.isObject()) {
            return node(siblings, depth);
        }
        if (activeRefs.contains(ref) || activeRefs.size() >= MAX_ACTIVE_REFS || expansions >= MAX_EXPANSIONS) {
            ObjectNode cut = Json.object();
            JsonNode type = target.get("type");
            cut.set("type", type != null ? type.deepCopy() : Json.MAPPER.getNodeFactory().textNode("object"));
            JsonNode description = siblings.has("description") ? siblings.get("description")
                    : target.get("description");
            if (description != null) {
                cut.set("description", description.deepCopy());
            }
            return node(cut, depth);
        }
        expansions++;
        activeRefs.add(ref);
        try {
            ObjectNode merged = ((ObjectNode) target).deepCopy();
            merged.setAll(siblings);
            return node(merged, depth + 1);
        } finally {
            activeRefs.remove(ref);
        }
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) {
            return null;
        }
        try {
            JsonNode target = ref.length() == 1 ? root : root.at(ref.substring(1));
            return target.isMissingNode() ? null : target;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
