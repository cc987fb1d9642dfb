package dev.cliproxy.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.Locale;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads YAML nodes as JSON trees, and compares JSON trees by value. Writing JSON over nodes is
 * {@link YamlMerge}'s job.
 */
final class YamlNodes {

    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

    /** JSON equality that compares numbers by value ({@code 3} equals {@code 3L} and {@code 3.0}). */
    static final Comparator<JsonNode> SAME_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private YamlNodes() {
    }

    /** Whether two JSON trees hold the same values. */
    static boolean same(JsonNode a, JsonNode b) {
        return a.equals(SAME_VALUE, b);
    }

    /** The JSON value of a node. */
    static JsonNode toJson(Node node) {
        return switch (node) {
            case MappingNode m -> {
                ObjectNode obj = JSON.objectNode();
                for (NodeTuple t : m.getValue()) {
                    obj.set(keyOf(t), toJson(t.getValueNode()));
                }
                yield obj;
            }
            case SequenceNode s -> {
                ArrayNode arr = JSON.arrayNode();
                s.getValue().forEach(item -> arr.add(toJson(item)));
                yield arr;
            }
            case ScalarNode sc -> scalarJson(sc);
            default -> JSON.nullNode();
        };
    }

    /** The text of a mapping entry's key. */
    static String keyOf(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(toJson(tuple.getKeyNode()));
    }

    /** A plain key node. */
    static ScalarNode key(String name) {
        return new ScalarNode(Tag.STR, name, ScalarStyle.PLAIN);
    }

    private static JsonNode scalarJson(ScalarNode sc) {
        String v = sc.getValue();
        Tag tag = sc.getTag();
        try {
            if (tag.equals(Tag.NULL)) {
                return JSON.nullNode();
            }
            if (tag.equals(Tag.BOOL)) {
                return JSON.booleanNode(Boolean.parseBoolean(v.toLowerCase(Locale.ROOT)));
            }
            if (tag.equals(Tag.INT)) {
                BigInteger i = new BigInteger(v.replace("_", "").replace("+", ""));
                return i.bitLength() < 63 ? JSON.numberNode(i.longValue()) : JSON.numberNode(i);
            }
            if (tag.equals(Tag.FLOAT)) {
                return JSON.numberNode(new BigDecimal(v.replace("_", "")));
            }
        } catch (NumberFormatException e) {
            return JSON.textNode(v);
        }
        return JSON.textNode(v);
    }
}
