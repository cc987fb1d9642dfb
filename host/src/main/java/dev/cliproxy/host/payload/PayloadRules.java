package dev.cliproxy.host.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code payload} section: edits to the upstream request body, applied after translation, for the models
 * (and protocols, client formats, headers, body conditions) each rule names. In order: {@code default} and
 * {@code default-raw} set a path only when the client's body lacks it, {@code override} and {@code override-raw}
 * always set it, {@code filter} removes paths. {@code params} maps a dotted path to a value ({@code -raw}: a
 * string of JSON); a filter's {@code params} lists paths. A rule that cannot work is refused when the config
 * loads, with the reason. Immutable.
 */
public final class PayloadRules {

    /** No rules. */
    public static final PayloadRules NONE = new PayloadRules(List.of());

    /** The rule kinds in the order they apply. */
    enum Kind {
        DEFAULT("default"), DEFAULT_RAW("default-raw"), OVERRIDE("override"), OVERRIDE_RAW("override-raw"),
        FILTER("filter");

        final String key;

        Kind(String key) {
            this.key = key;
        }
    }

    /** One rule: where it applies and what it does. */
    record Rule(Kind kind, List<PayloadSelector> models, Map<JsonPath, JsonNode> values, List<JsonPath> removed) {

        boolean appliesTo(PayloadTarget t) {
            return models.stream().anyMatch(s -> s.matchesTarget(t));
        }

        boolean appliesTo(PayloadTarget t, JsonNode body) {
            return models.stream().anyMatch(s -> s.matchesTarget(t) && s.matchesBody(body));
        }
    }

    private final List<Rule> rules;

    private PayloadRules(List<Rule> rules) {
        this.rules = rules;
    }

    /**
     * Reads a {@code payload} section ({@code null} or missing: no rules).
     *
     * @throws IllegalArgumentException naming the rule and the reason when a rule is invalid
     */
    public static PayloadRules parse(JsonNode section) {
        if (section == null || section.isMissingNode() || section.isNull()) {
            return NONE;
        }
        if (!section.isObject()) {
            throw new IllegalArgumentException("'payload' must be a map of default, default-raw, override, "
                    + "override-raw and filter rule lists");
        }
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            kinds.put(k.key, k);
        }
        section.properties().forEach(e -> {
            if (!kinds.containsKey(e.getKey())) {
                throw new IllegalArgumentException("payload." + e.getKey() + " is not a rule kind; use one of "
                        + String.join(", ", kinds.keySet()));
            }
        });
        List<Rule> rules = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            JsonNode list = section.path(kind.key);
            if (list.isMissingNode() || list.isNull()) {
                continue;
            }
            if (!list.isArray()) {
                throw new IllegalArgumentException("payload." + kind.key + " must be a list of rules");
            }
            for (int i = 0; i < list.size(); i++) {
                rules.add(rule(kind, list.get(i), "payload." + kind.key + "[" + i + "]"));
            }
        }
        return new PayloadRules(List.copyOf(rules));
    }

    private static Rule rule(Kind kind, JsonNode n, String where) {
        JsonNode models = n.path("models");
        if (!models.isArray() || models.isEmpty()) {
            throw new IllegalArgumentException(where + ".models must list at least one model");
        }
        List<PayloadSelector> selectors = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            selectors.add(PayloadSelector.parse(models.get(i), where + ".models[" + i + "]"));
        }
        JsonNode params = n.path("params");
        if (kind == Kind.FILTER) {
            if (!params.isArray() || params.isEmpty()) {
                throw new IllegalArgumentException(where + ".params must list the paths to remove");
            }
            List<JsonPath> removed = new ArrayList<>();
            params.forEach(p -> removed.add(path(p.asText(), where)));
            return new Rule(kind, List.copyOf(selectors), Map.of(), List.copyOf(removed));
        }
        if (!params.isObject() || params.isEmpty()) {
            throw new IllegalArgumentException(where + ".params must map paths to values");
        }
        Map<JsonPath, JsonNode> values = new LinkedHashMap<>();
        params.properties().forEach(e -> values.put(path(e.getKey(), where),
                kind == Kind.DEFAULT_RAW || kind == Kind.OVERRIDE_RAW ? raw(e.getValue(), where + ".params."
                        + e.getKey()) : e.getValue()));
        return new Rule(kind, List.copyOf(selectors), values, List.of());
    }

    private static JsonPath path(String text, String where) {
        try {
            return JsonPath.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".params: " + e.getMessage());
        }
    }

    private static JsonNode raw(JsonNode value, String where) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(where + " must be a string of JSON");
        }
        try {
            return Json.parse(value.asText().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + " is not valid JSON: " + e.getMessage());
        }
    }

    /** Whether there are no rules. */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** {@code body} (a native request for {@code t}) with the matching rules applied; itself when none match. */
    public byte[] apply(byte[] body, PayloadTarget t) {
        if (rules.isEmpty() || rules.stream().noneMatch(r -> r.appliesTo(t))) {
            return body;
        }
        if (!(Json.parse(body) instanceof ObjectNode root)) {
            return body;
        }
        JsonNode original = root.deepCopy();
        boolean changed = false;
        for (Rule r : rules) {
            if (!r.appliesTo(t, original)) {
                continue;
            }
            changed = true;
            switch (r.kind()) {
                case DEFAULT, DEFAULT_RAW -> r.values().forEach((path, value) -> {
                    if (path.get(original) == null) {
                        path.set(root, value.deepCopy());
                    }
                });
                case OVERRIDE, OVERRIDE_RAW -> r.values().forEach((path, value) -> path.set(root, value.deepCopy()));
                case FILTER -> r.removed().forEach(path -> path.remove(root));
            }
        }
        return changed ? Json.write(root) : body;
    }
}
