package dev.cliproxy.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Writes a JSON value over an existing YAML node and reuses whatever still fits: key nodes (and the comments above
 * them), unchanged sequence items, quoting styles, inline comments.
 */
final class YamlMerge {

    private YamlMerge() {
    }

    /**
     * The node for {@code value}, built over {@code old} (may be {@code null}): collections are updated in place,
     * scalars keep the old node's quoting and comments. {@code hint} is the quoting used for new strings.
     */
    static Node merge(JsonNode value, Node old, ScalarStyle hint) {
        if (value.isObject()) {
            return mapping((ObjectNode) value, old);
        }
        if (value.isArray()) {
            return sequence((ArrayNode) value, old);
        }
        return scalar(value, old, hint);
    }

    private static Node mapping(ObjectNode value, Node old) {
        if (!(old instanceof MappingNode m)) {
            MappingNode created = new MappingNode(Tag.MAP, new ArrayList<>(), FlowStyle.BLOCK);
            copyComments(old, created);
            return mapping(value, created);
        }
        ScalarStyle hint = stringStyle(m.getValue().stream().map(NodeTuple::getValueNode).toList());
        List<NodeTuple> tuples = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
            JsonNode v = value.get(YamlNodes.keyOf(t));
            if (v != null) {
                tuples.add(new NodeTuple(t.getKeyNode(), merge(v, t.getValueNode(), hint)));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (m.getValue().stream().noneMatch(t -> YamlNodes.keyOf(t).equals(e.getKey()))) {
                tuples.add(new NodeTuple(YamlNodes.key(e.getKey()), merge(e.getValue(), null, hint)));
            }
        }
        if (m.getValue().isEmpty() && !tuples.isEmpty()) {
            m.setFlowStyle(FlowStyle.BLOCK);
        }
        m.setValue(tuples);
        return m;
    }

    /**
     * Items equal to an old item reuse that node (with its comments); other items are merged over the old item
     * at the same position when that one is still free, else built new.
     */
    private static Node sequence(ArrayNode value, Node old) {
        if (!(old instanceof SequenceNode s)) {
            SequenceNode created = new SequenceNode(Tag.SEQ, new ArrayList<>(), FlowStyle.BLOCK);
            copyComments(old, created);
            return sequence(value, created);
        }
        List<Node> olds = s.getValue();
        List<JsonNode> oldValues = olds.stream().map(YamlNodes::toJson).toList();
        boolean[] used = new boolean[olds.size()];
        Node[] chosen = new Node[value.size()];
        for (int i = 0; i < chosen.length; i++) {
            for (int j = 0; j < olds.size(); j++) {
                if (!used[j] && YamlNodes.same(oldValues.get(j), value.get(i))) {
                    chosen[i] = olds.get(j);
                    used[j] = true;
                    break;
                }
            }
        }
        ScalarStyle hint = stringStyle(olds);
        for (int i = 0; i < chosen.length; i++) {
            if (chosen[i] == null && i < olds.size() && !used[i]) {
                used[i] = true;
                chosen[i] = merge(value.get(i), olds.get(i), hint);
            } else if (chosen[i] == null) {
                chosen[i] = merge(value.get(i), null, hint);
            }
        }
        if (olds.isEmpty() && chosen.length > 0) {
            s.setFlowStyle(FlowStyle.BLOCK);
        }
        olds.clear();
        olds.addAll(List.of(chosen));
        return s;
    }

    private static ScalarNode scalar(JsonNode value, Node old, ScalarStyle hint) {
        Tag tag;
        String text;
        ScalarStyle style = ScalarStyle.PLAIN;
        if (value.isTextual()) {
            tag = Tag.STR;
            text = value.textValue();
            if (old instanceof ScalarNode o && o.getTag().equals(Tag.STR)) {
                style = o.getScalarStyle();
            } else if (old == null || old instanceof ScalarNode o && o.getTag().equals(Tag.NULL)) {
                style = hint;
            }
        } else if (value.isBoolean()) {
            tag = Tag.BOOL;
            text = String.valueOf(value.booleanValue());
        } else if (value.isIntegralNumber()) {
            tag = Tag.INT;
            text = value.bigIntegerValue().toString();
        } else if (value.isNumber()) {
            tag = Tag.FLOAT;
            text = floatText(value.decimalValue());
        } else {
            tag = Tag.NULL;
            text = "null";
        }
        if (text.isEmpty() && style == ScalarStyle.PLAIN) {
            style = ScalarStyle.DOUBLE_QUOTED;
        }
        ScalarNode node = new ScalarNode(tag, text, style);
        copyComments(old, node);
        return node;
    }

    private static String floatText(BigDecimal d) {
        String s = d.toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    /** The quoting of the first quoted string among {@code nodes}, else plain. */
    private static ScalarStyle stringStyle(List<Node> nodes) {
        for (Node n : nodes) {
            if (n instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
                return s.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED || s.getScalarStyle() == ScalarStyle.SINGLE_QUOTED
                        ? s.getScalarStyle() : ScalarStyle.PLAIN;
            }
        }
        return ScalarStyle.PLAIN;
    }

    private static void copyComments(Node from, Node to) {
        if (from == null) {
            return;
        }
        to.setBlockComments(from.getBlockComments());
        to.setInLineComments(from.getInLineComments());
        to.setEndComments(from.getEndComments());
    }
}
