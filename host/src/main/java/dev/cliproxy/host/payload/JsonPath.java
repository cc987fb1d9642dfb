package dev.cliproxy.host.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A dotted path into a JSON body, the plain subset of the gjson/sjson syntax the Go proxy's payload rules use:
 * {@code generationConfig.thinkingConfig.thinkingBudget}, {@code messages.0.content} (a number selects an array
 * element), {@code \.} for a dot inside a field name. Queries, wildcards and modifiers are refused when the rule
 * is loaded.
 */
record JsonPath(String text, List<String> segments) {

    /** Parses {@code text}; throws {@link IllegalArgumentException} with the reason when it is not supported. */
    static JsonPath parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a path is empty");
        }
        for (char c : new char[] {'#', '*', '?', '|', '@', '(', ')'}) {
            if (text.indexOf(c) >= 0) {
                throw new IllegalArgumentException("path '" + text + "' uses '" + c
                        + "'; only plain dotted paths (a.b.0.c) are supported");
            }
        }
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(text.charAt(++i));
            } else if (c == '.') {
                segments.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        segments.add(current.toString());
        if (segments.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("path '" + text + "' has an empty segment");
        }
        return new JsonPath(text, List.copyOf(segments));
    }

    /** The value at this path, or {@code null} when it is missing. */
    JsonNode get(JsonNode root) {
        JsonNode n = root;
        for (String s : segments) {
            n = child(n, s);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    /** Sets the value at this path, creating objects on the way; false when an element in the way is a scalar. */
    boolean set(ObjectNode root, JsonNode value) {
        JsonNode parent = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            JsonNode next = child(parent, segments.get(i));
            if (next == null || next.isNull()) {
                if (!(parent instanceof ObjectNode o)) {
                    return false;
                }
                next = o.putObject(segments.get(i));
            }
            if (!next.isContainerNode()) {
                return false;
            }
            parent = next;
        }
        String last = segments.getLast();
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
            return true;
        }
        int index = index(last);
        if (parent instanceof ArrayNode a && index >= 0 && index <= a.size()) {
            if (index == a.size()) {
                a.add(value);
            } else {
                a.set(index, value);
            }
            return true;
        }
        return false;
    }

    /** Removes the value at this path, if any. */
    void remove(JsonNode root) {
        JsonNode parent = root;
        for (int i = 0; i < segments.size() - 1 && parent != null; i++) {
            parent = child(parent, segments.get(i));
        }
        String last = segments.getLast();
        if (parent instanceof ObjectNode o) {
            o.remove(last);
        } else if (parent instanceof ArrayNode a && index(last) >= 0 && index(last) < a.size()) {
            a.remove(index(last));
        }
    }

    private static JsonNode child(JsonNode n, String segment) {
        if (n instanceof ObjectNode o) {
            return o.get(segment);
        }
        if (n instanceof ArrayNode a) {
            int i = index(segment);
            return i >= 0 && i < a.size() ? a.get(i) : null;
        }
        return null;
    }

    private static int index(String segment) {
        if (segment.isEmpty() || segment.length() > 9) {
            return -1;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (!Character.isDigit(segment.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(segment);
    }
}
