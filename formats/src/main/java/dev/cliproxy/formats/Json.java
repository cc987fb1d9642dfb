package dev.cliproxy.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The JSON mapper shared by the codecs (configured once, immutable afterwards) and small helpers for reading
 * optional fields. Floating-point numbers are read as {@link java.math.BigDecimal} so values pass through exactly.
 */
public final class Json {

    /**
     * The shared mapper. Do not reconfigure it. Its parse and write buffers come from a bounded shared pool rather
     * than Jackson's default per-thread one: requests run on virtual threads, one new thread each, so per-thread
     * buffers would be allocated afresh for every request and never reused.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .recyclerPool(JsonRecyclerPools.newBoundedPool(64)).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private Json() {
    }

    /** Parses JSON bytes into a tree. */
    public static JsonNode parse(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new FormatException("empty JSON body");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new FormatException("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new FormatException("unreadable JSON: " + e.getMessage(), e);
        }
    }

    /** Serialises a tree to bytes. */
    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON tree", e);
        }
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The text of {@code node.field}, or {@code null} when absent, null or not textual. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    /** The int of {@code node.field}, or {@code null} when absent or not a number. */
    public static Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.intValue() : null;
    }

    /** The double of {@code node.field}, or {@code null} when absent or not a number. */
    public static Double decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.doubleValue() : null;
    }

    /** The boolean of {@code node.field}, or {@code null} when absent or not a boolean. */
    public static Boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isBoolean() ? v.booleanValue() : null;
    }
}
