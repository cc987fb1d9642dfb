package dev.cliproxy.host.payload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.WireFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One entry of a payload rule's {@code models}: a model name pattern ({@code *} wildcards, case-insensitive) with
 * optional conditions: {@code protocol} (the upstream's format: openai, claude, gemini, codex), {@code from-protocol}
 * (the client's: openai, responses, claude, gemini), {@code headers} (each client header must match its glob),
 * {@code match} / {@code not-match} (paths that must / must not equal a value), {@code exist} / {@code not-exist}
 * (paths that must be present and not null / missing or null).
 */
record PayloadSelector(Glob name, WireFormat protocol, WireFormat fromProtocol, Map<String, Glob> headers,
                       Map<JsonPath, JsonNode> match, Map<JsonPath, JsonNode> notMatch, List<JsonPath> exist,
                       List<JsonPath> notExist) {

    /** Protocol names of the Go proxy's payload rules. */
    private static final Map<String, WireFormat> PROTOCOLS = Map.of("openai", WireFormat.OPENAI_CHAT,
            "responses", WireFormat.OPENAI_RESPONSES, "codex", WireFormat.OPENAI_RESPONSES,
            "claude", WireFormat.CLAUDE_MESSAGES, "gemini", WireFormat.GEMINI);

    static PayloadSelector parse(JsonNode n, String where) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + " must be a map with at least 'name'");
        }
        String name = n.path("name").asText("").trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(where + ".name is missing");
        }
        Map<String, Glob> headers = new LinkedHashMap<>();
        n.path("headers").properties().forEach(e ->
                headers.put(e.getKey().toLowerCase(Locale.ROOT), Glob.of(e.getValue().asText())));
        return new PayloadSelector(Glob.of(name), protocol(n, "protocol", where), protocol(n, "from-protocol", where),
                Map.copyOf(headers), values(n.path("match"), where + ".match"),
                values(n.path("not-match"), where + ".not-match"), paths(n.path("exist"), where + ".exist"),
                paths(n.path("not-exist"), where + ".not-exist"));
    }

    private static WireFormat protocol(JsonNode n, String key, String where) {
        String v = n.path(key).asText("").trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return null;
        }
        WireFormat f = PROTOCOLS.get(v);
        if (f == null) {
            throw new IllegalArgumentException(where + "." + key + " '" + v
                    + "' is not one of openai, responses, codex, claude, gemini");
        }
        return f;
    }

    private static Map<JsonPath, JsonNode> values(JsonNode list, String where) {
        Map<JsonPath, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode item : list.isObject() ? List.of(list) : iterable(list)) {
            item.properties().forEach(e -> out.put(path(e.getKey(), where), e.getValue()));
        }
        return Map.copyOf(out);
    }

    private static List<JsonPath> paths(JsonNode list, String where) {
        List<JsonPath> out = new ArrayList<>();
        for (JsonNode item : iterable(list)) {
            out.add(path(item.asText(), where));
        }
        return List.copyOf(out);
    }

    private static List<JsonNode> iterable(JsonNode list) {
        List<JsonNode> out = new ArrayList<>();
        list.forEach(out::add);
        return out;
    }

    private static JsonPath path(String text, String where) {
        try {
            return JsonPath.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    /** Whether the selector applies to {@code t}, the body aside. */
    boolean matchesTarget(PayloadTarget t) {
        if (!name.matches(t.upstreamModel()) && !name.matches(t.clientModel())) {
            return false;
        }
        if ((protocol != null && protocol != t.format()) || (fromProtocol != null && fromProtocol != t.from())) {
            return false;
        }
        for (Map.Entry<String, Glob> h : headers.entrySet()) {
            if (!h.getValue().matches(t.headers().get(h.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the body conditions hold for {@code body}. */
    boolean matchesBody(JsonNode body) {
        for (Map.Entry<JsonPath, JsonNode> m : match.entrySet()) {
            if (!same(m.getKey().get(body), m.getValue())) {
                return false;
            }
        }
        for (Map.Entry<JsonPath, JsonNode> m : notMatch.entrySet()) {
            if (same(m.getKey().get(body), m.getValue())) {
                return false;
            }
        }
        for (JsonPath p : exist) {
            JsonNode v = p.get(body);
            if (v == null || v.isNull()) {
                return false;
            }
        }
        for (JsonPath p : notExist) {
            JsonNode v = p.get(body);
            if (v != null && !v.isNull()) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(JsonNode actual, JsonNode expected) {
        if (actual == null) {
            return false;
        }
        if (actual.equals(expected)) {
            return true;
        }
        return actual.isValueNode() && expected.isValueNode() && actual.asText().equals(expected.asText());
    }
}
