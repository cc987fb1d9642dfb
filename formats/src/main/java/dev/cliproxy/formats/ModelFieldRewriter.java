package dev.cliproxy.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Replaces the string value of a model field in a JSON document without building a tree: tokens are copied one by
 * one (numbers exactly), so every other byte of meaning is kept, unknown fields included. Used for pass-through,
 * where only the model name changes.
 */
public final class ModelFieldRewriter {

    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

    /** The top-level {@code model} field, where most formats name the model. */
    public static final ModelFieldRewriter TOP_LEVEL_MODEL = topLevel("model");

    private final List<List<String>> paths;

    /**
     * @param paths field paths to rewrite, each a list of object keys from the root, e.g. {@code ["model"]} or
     *              {@code ["message", "model"]}
     */
    public ModelFieldRewriter(List<List<String>> paths) {
        this.paths = List.copyOf(paths);
    }

    /** A rewriter of the top-level {@code field}. */
    public static ModelFieldRewriter topLevel(String field) {
        return new ModelFieldRewriter(List.of(List.of(field)));
    }

    /**
     * Returns {@code json} with every field on one of the paths set to {@code model}; {@code json} itself when
     * no such field exists or the JSON cannot be read (the caller then passes it on untouched).
     */
    public byte[] rewrite(byte[] json, String model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 16);
        boolean changed = false;
        try (JsonParser p = FACTORY.createParser(json); JsonGenerator g = FACTORY.createGenerator(out)) {
            Deque<String> path = new ArrayDeque<>();
            String pendingName = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        path.addLast(pendingName == null ? "" : pendingName);
                        pendingName = null;
                        g.copyCurrentEvent(p);
                    }
                    case END_OBJECT, END_ARRAY -> {
                        path.pollLast();
                        g.copyCurrentEvent(p);
                    }
                    case FIELD_NAME -> {
                        pendingName = p.currentName();
                        g.copyCurrentEvent(p);
                    }
                    case VALUE_STRING -> {
                        if (pendingName != null && matches(path, pendingName)) {
                            g.writeString(model);
                            changed = true;
                        } else {
                            g.copyCurrentEvent(p);
                        }
                        pendingName = null;
                    }
                    default -> {
                        g.copyCurrentEventExact(p);
                        pendingName = null;
                    }
                }
            }
        } catch (IOException e) {
            return json;
        }
        return changed ? out.toByteArray() : json;
    }

    private boolean matches(Deque<String> path, String field) {
        // path holds "" for the root object followed by the keys of the enclosing objects
        for (List<String> candidate : paths) {
            if (candidate.size() != path.size() || !candidate.get(candidate.size() - 1).equals(field)) {
                continue;
            }
            int i = 0;
            boolean ok = true;
            for (String segment : path) {
                if (i > 0 && !segment.equals(candidate.get(i - 1))) {
                    ok = false;
                    break;
                }
                i++;
            }
            if (ok) {
                return true;
            }
        }
        return false;
    }
}
