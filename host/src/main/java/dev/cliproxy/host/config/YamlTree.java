package dev.cliproxy.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A YAML document as a JSON tree, remembering where each node was written so that binding errors can name the
 * line and column. Parse errors are reported the same way.
 */
public final class YamlTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final JsonNode root;
    private final Map<JsonNode, Mark> marks;
    private final String sourceName;

    private YamlTree(JsonNode root, Map<JsonNode, Mark> marks, String sourceName) {
        this.root = root;
        this.marks = marks;
        this.sourceName = sourceName;
    }

    /**
     * Parses {@code text}; an empty document gives an empty object.
     *
     * @throws ConfigException with line and column when the YAML is malformed or its root is not a mapping
     */
    public static YamlTree parse(String text, String sourceName) {
        LoadSettings settings = LoadSettings.builder().setLabel(sourceName).setAllowDuplicateKeys(false).build();
        Optional<Node> node;
        try {
            node = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            throw new ConfigException(sourceName + where(e.getProblemMark().orElse(null)) + ": invalid YAML: "
                    + e.getProblem().trim(), e);
        } catch (YamlEngineException e) {
            throw new ConfigException(sourceName + ": invalid YAML: " + e.getMessage(), e);
        }
        IdentityHashMap<JsonNode, Mark> marks = new IdentityHashMap<>();
        if (node.isEmpty()) {
            return new YamlTree(NODES.objectNode(), marks, sourceName);
        }
        YamlTree converter = new YamlTree(null, marks, sourceName);
        JsonNode root = converter.convert(node.get());
        if (root.isNull()) {
            root = NODES.objectNode();
        }
        if (!root.isObject()) {
            throw new ConfigException(sourceName + where(node.get().getStartMark().orElse(null))
                    + ": the top level must be a mapping of keys to values");
        }
        return new YamlTree(root, marks, sourceName);
    }

    /** The document as a JSON tree. */
    public JsonNode root() {
        return root;
    }

    /** The file name used in messages. */
    public String sourceName() {
        return sourceName;
    }

    /** {@code " line L, column C"} for a node of this tree, or an empty string. */
    public String locate(JsonNode node) {
        return where(marks.get(node));
    }

    private static String where(Mark mark) {
        return mark == null ? "" : " line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    private JsonNode convert(Node node) {
        JsonNode out = switch (node) {
            case MappingNode m -> {
                ObjectNode obj = NODES.objectNode();
                for (NodeTuple t : m.getValue()) {
                    JsonNode key = convert(t.getKeyNode());
                    if (obj.has(key.asText())) {
                        throw new ConfigException(sourceName + where(t.getKeyNode().getStartMark().orElse(null))
                                + ": duplicate key '" + key.asText() + "'");
                    }
                    obj.set(key.asText(), convert(t.getValueNode()));
                }
                yield obj;
            }
            case SequenceNode s -> {
                ArrayNode arr = NODES.arrayNode();
                for (Node item : s.getValue()) {
                    arr.add(convert(item));
                }
                yield arr;
            }
            case ScalarNode sc -> scalar(sc);
            default -> throw new ConfigException(sourceName + where(node.getStartMark().orElse(null))
                    + ": unsupported YAML node (anchors and aliases are not supported)");
        };
        node.getStartMark().ifPresent(mark -> marks.put(out, mark));
        return out;
    }

    private static JsonNode scalar(ScalarNode sc) {
        String v = sc.getValue();
        Tag tag = sc.getTag();
        try {
            if (tag.equals(Tag.NULL)) {
                return NODES.nullNode();
            }
            if (tag.equals(Tag.BOOL)) {
                return NODES.booleanNode(Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT)));
            }
            if (tag.equals(Tag.INT)) {
                BigInteger i = new BigInteger(v.replace("_", "").replace("+", ""));
                return i.bitLength() < 63 ? NODES.numberNode(i.longValue()) : NODES.numberNode(i);
            }
            if (tag.equals(Tag.FLOAT)) {
                return NODES.numberNode(new BigDecimal(v.replace("_", "")));
            }
        } catch (NumberFormatException e) {
            return NODES.textNode(v);
        }
        return NODES.textNode(v);
    }

}
