package dev.cliproxy.host.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.comments.CommentLine;
import org.snakeyaml.engine.v2.comments.CommentType;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.CollectionNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Keeps comments where the user wrote them despite three habits of snakeyaml-engine: the parser hangs a comment
 * above a list item on the item's first key, the emitter writes a comment above the first item of a list after its
 * dash ({@code - # comment}) and indents a list two columns too far under {@code key: # comment}; and an inline
 * comment cannot follow a block collection's first line unless it hangs on the key. Every text rewrite here is
 * checked to read back as the same data, or it is not made.
 */
final class YamlComments {

    private static final Pattern DASH_COMMENT = Pattern.compile("( *)- (#.*?)(\\r?)");
    private static final Pattern KEY_WITH_COMMENT = Pattern.compile("( *(?:- )*)[^ #].*?: #.*");

    private YamlComments() {
    }

    /** After parsing: a comment above a list item that is a mapping belongs to the item, not its first key. */
    static void liftItemComments(Node node) {
        if (node instanceof MappingNode m) {
            m.getValue().forEach(t -> liftItemComments(t.getValueNode()));
        } else if (node instanceof SequenceNode s) {
            for (Node item : s.getValue()) {
                if (item instanceof MappingNode m && !m.getValue().isEmpty() && isEmpty(item.getBlockComments())) {
                    Node firstKey = m.getValue().getFirst().getKeyNode();
                    if (!isEmpty(firstKey.getBlockComments())) {
                        item.setBlockComments(firstKey.getBlockComments());
                        firstKey.setBlockComments(null);
                    }
                }
                liftItemComments(item);
            }
        }
    }

    /**
     * Before emitting: the inline comment of a block collection hangs on its key ({@code key: # comment}), that of a
     * scalar or flow value on the value; a block item's inline comment becomes a comment above it.
     */
    static void placeInlineComments(Node node) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                Node key = t.getKeyNode();
                Node value = t.getValueNode();
                if (isBlockWithItems(value) && !isEmpty(value.getInLineComments())) {
                    key.setInLineComments(concat(key.getInLineComments(), value.getInLineComments()));
                    value.setInLineComments(null);
                } else if (!isBlockWithItems(value) && !isEmpty(key.getInLineComments())) {
                    value.setInLineComments(concat(key.getInLineComments(), value.getInLineComments()));
                    key.setInLineComments(null);
                }
                placeInlineComments(value);
            }
        } else if (node instanceof SequenceNode s) {
            for (Node item : s.getValue()) {
                if (isBlockWithItems(item) && !isEmpty(item.getInLineComments())) {
                    List<CommentLine> above = item.getInLineComments().stream().map(c -> new CommentLine(
                            c.getStartMark(), c.getEndMark(), c.getValue(), CommentType.BLOCK)).toList();
                    item.setBlockComments(concat(item.getBlockComments(), above));
                    item.setInLineComments(null);
                }
                placeInlineComments(item);
            }
        }
    }

    /**
     * After emitting: blank lines without indentation, comments above a first list item back above its dash, lists
     * under a commented key at their usual indent.
     */
    static String tidy(String emitted) {
        String text = emitted.replaceAll("(?m)^[ \\t]+(\\r?)$", "$1");
        String moved = listsUnderCommentedKeys(commentsAboveFirstItems(text));
        if (moved.equals(text)) {
            return text;
        }
        try {
            boolean same = YamlNodes.same(YamlTree.parse(text, "emitted").root(), YamlTree.parse(moved, "tidied").root());
            return same ? moved : text;
        } catch (ConfigException e) {
            return text;
        }
    }

    /** {@code - # c} followed by the item at the next indent becomes {@code # c} above {@code - item}. */
    private static String commentsAboveFirstItems(String text) {
        String[] lines = text.split("\n", -1);
        List<String> out = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = DASH_COMMENT.matcher(lines[i]);
            if (m.matches()) {
                String indent = m.group(1);
                String inner = indent + "  ";
                List<String> comments = new ArrayList<>(List.of(indent + m.group(2) + m.group(3)));
                int j = i + 1;
                while (j < lines.length && lines[j].startsWith(inner + "#")) {
                    comments.add(indent + lines[j].substring(inner.length()));
                    j++;
                }
                if (j < lines.length && lines[j].startsWith(inner) && lines[j].length() > inner.length()
                        && " #\r".indexOf(lines[j].charAt(inner.length())) < 0) {
                    out.addAll(comments);
                    out.add(indent + "- " + lines[j].substring(inner.length()));
                    i = j;
                    continue;
                }
            }
            out.add(lines[i]);
        }
        return String.join("\n", out);
    }

    /** The items of a list under {@code key: # comment} come two columns left of where the emitter puts them. */
    private static String listsUnderCommentedKeys(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i + 1 < lines.length; i++) {
            Matcher m = KEY_WITH_COMMENT.matcher(lines[i].stripTrailing());
            if (!m.matches()) {
                continue;
            }
            String tooFar = " ".repeat(m.group(1).length() + 4);
            int first = i + 1;
            while (first < lines.length && (lines[first].isBlank() || lines[first].stripLeading().startsWith("#"))) {
                first++;
            }
            if (first == lines.length || !lines[first].startsWith(tooFar + "- ")) {
                continue;
            }
            for (int j = first; j < lines.length && (lines[j].startsWith(tooFar) || lines[j].isBlank()); j++) {
                if (!lines[j].isBlank()) {
                    lines[j] = lines[j].substring(2);
                }
            }
        }
        return String.join("\n", lines);
    }

    private static boolean isBlockWithItems(Node node) {
        return node instanceof CollectionNode<?> c && c.getFlowStyle() != FlowStyle.FLOW && !c.getValue().isEmpty();
    }

    private static boolean isEmpty(List<CommentLine> comments) {
        return comments == null || comments.isEmpty();
    }

    private static List<CommentLine> concat(List<CommentLine> a, List<CommentLine> b) {
        List<CommentLine> out = new ArrayList<>();
        if (a != null) {
            out.addAll(a);
        }
        if (b != null) {
            out.addAll(b);
        }
        out.removeIf(Objects::isNull);
        return out;
    }
}
