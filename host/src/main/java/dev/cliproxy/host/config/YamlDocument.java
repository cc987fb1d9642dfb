package dev.cliproxy.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Present;
import org.snakeyaml.engine.v2.api.lowlevel.Serialize;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A YAML config document that can be edited without losing what the user wrote: comments, blank lines, key
 * order, quoting and unknown keys survive; only the edited values change. Built on snakeyaml-engine's node API.
 * Not thread-safe: {@link ConfigStore} edits one document at a time.
 */
public final class YamlDocument {

    private final MappingNode root;
    private final String lineBreak;

    private YamlDocument(MappingNode root, String lineBreak) {
        this.root = root;
        this.lineBreak = lineBreak;
    }

    /**
     * Parses {@code text}; an empty document is an empty mapping.
     *
     * @throws ConfigException with line and column when the YAML is malformed or its top level is not a mapping
     */
    public static YamlDocument parse(String text, String sourceName) {
        LoadSettings settings = LoadSettings.builder().setLabel(sourceName).setParseComments(true)
                .setAllowDuplicateKeys(false).build();
        Optional<Node> node;
        try {
            node = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            throw new ConfigException(sourceName + e.getProblemMark().map(m -> " line " + (m.getLine() + 1)
                    + ", column " + (m.getColumn() + 1)).orElse("") + ": invalid YAML: " + e.getProblem().trim(), e);
        } catch (YamlEngineException e) {
            throw new ConfigException(sourceName + ": invalid YAML: " + e.getMessage(), e);
        }
        String lineBreak = text.contains("\r\n") ? "\r\n" : "\n";
        if (node.isEmpty() || node.get() instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
            MappingNode empty = new MappingNode(Tag.MAP, new ArrayList<>(), FlowStyle.BLOCK);
            node.ifPresent(n -> empty.setBlockComments(n.getBlockComments()));
            return new YamlDocument(empty, lineBreak);
        }
        if (!(node.get() instanceof MappingNode root)) {
            throw new ConfigException(sourceName + ": the top level must be a mapping of keys to values");
        }
        rejectDuplicateKeys(root, sourceName);
        YamlComments.liftItemComments(root);
        return new YamlDocument(root, lineBreak);
    }

    /** The whole document as JSON. */
    public ObjectNode toJson() {
        return (ObjectNode) YamlNodes.toJson(root);
    }

    /** The value at {@code path} (mapping keys from the top), or a missing node. */
    public JsonNode get(String... path) {
        Node node = root;
        for (String key : path) {
            if (!(node instanceof MappingNode m)) {
                return MissingNode.getInstance();
            }
            NodeTuple t = find(m, key);
            if (t == null) {
                return MissingNode.getInstance();
            }
            node = t.getValueNode();
        }
        return YamlNodes.toJson(node);
    }

    /**
     * Sets the value at {@code path}, creating missing mappings on the way (appended after the existing keys). An
     * existing value is edited in place so that its comments and style are kept.
     */
    public void set(JsonNode value, String... path) {
        if (path.length == 0) {
            throw new IllegalArgumentException("empty path");
        }
        MappingNode parent = root;
        for (int i = 0; i < path.length - 1; i++) {
            NodeTuple t = find(parent, path[i]);
            if (t != null && t.getValueNode() instanceof MappingNode m) {
                parent = m;
                continue;
            }
            MappingNode created = new MappingNode(Tag.MAP, new ArrayList<>(), FlowStyle.BLOCK);
            put(parent, path[i], t, created);
            parent = created;
        }
        String last = path[path.length - 1];
        NodeTuple t = find(parent, last);
        put(parent, last, t, YamlMerge.merge(value, t == null ? null : t.getValueNode(), ScalarStyle.PLAIN));
    }

    /** Removes the key at {@code path}; returns whether it existed. */
    public boolean remove(String... path) {
        Node node = root;
        for (int i = 0; i < path.length - 1; i++) {
            if (!(node instanceof MappingNode m) || find(m, path[i]) == null) {
                return false;
            }
            node = find(m, path[i]).getValueNode();
        }
        if (!(node instanceof MappingNode parent)) {
            return false;
        }
        NodeTuple t = find(parent, path[path.length - 1]);
        if (t == null) {
            return false;
        }
        List<NodeTuple> tuples = new ArrayList<>(parent.getValue());
        tuples.remove(t);
        parent.setValue(tuples);
        return true;
    }

    /** The document as YAML text. */
    public String text() {
        DumpSettings settings = DumpSettings.builder()
                .setDumpComments(true)
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setIndicatorIndent(2)
                .setIndentWithIndicator(true)
                .setSplitLines(false)
                .setWidth(Integer.MAX_VALUE)
                .setBestLineBreak(lineBreak)
                .build();
        if (root.getValue().isEmpty()) {
            return "";
        }
        YamlComments.placeInlineComments(root);
        String out = new Present(settings).emitToString(new Serialize(settings).serializeOne(root).iterator());
        return YamlComments.tidy(out);
    }

    /** The composer keeps duplicate keys (the last one would win): a config with one is refused, as Go does. */
    private static void rejectDuplicateKeys(Node node, String sourceName) {
        if (node instanceof MappingNode m) {
            Set<String> seen = new HashSet<>();
            for (NodeTuple t : m.getValue()) {
                String key = YamlNodes.keyOf(t);
                if (!seen.add(key)) {
                    throw new ConfigException(sourceName + t.getKeyNode().getStartMark().map(mark -> " line "
                            + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)).orElse("")
                            + ": duplicate key '" + key + "'");
                }
                rejectDuplicateKeys(t.getValueNode(), sourceName);
            }
        } else if (node instanceof SequenceNode s) {
            s.getValue().forEach(item -> rejectDuplicateKeys(item, sourceName));
        }
    }

    private static void put(MappingNode parent, String key, NodeTuple existing, Node value) {
        List<NodeTuple> tuples = new ArrayList<>(parent.getValue());
        if (existing == null) {
            tuples.add(new NodeTuple(YamlNodes.key(key), value));
        } else {
            tuples.set(tuples.indexOf(existing), new NodeTuple(existing.getKeyNode(), value));
        }
        parent.setValue(tuples);
    }

    private static NodeTuple find(MappingNode m, String key) {
        for (NodeTuple t : m.getValue()) {
            if (YamlNodes.keyOf(t).equals(key)) {
                return t;
            }
        }
        return null;
    }
}
