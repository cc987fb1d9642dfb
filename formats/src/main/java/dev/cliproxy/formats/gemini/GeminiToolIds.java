package dev.cliproxy.formats.gemini;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Tool call ids for Gemini, which often omits them. Generated ids are deterministic: {@code call_<name>_<n>} where
 * {@code n} numbers the calls of the conversation (or of one response, with a response scope), so the same history
 * always yields the same ids and a function response finds the id of its call by name, in order.
 */
final class GeminiToolIds {

    private final String scope;
    private final Map<String, Deque<String>> pending = new HashMap<>();
    private int ordinal;

    private GeminiToolIds(String scope) {
        this.scope = scope;
    }

    /** Ids for one decoded request: calls numbered across the whole conversation. */
    static GeminiToolIds forRequest() {
        return new GeminiToolIds(null);
    }

    /** Ids for one decoded response; {@code scope} (e.g. the response id) keeps them unique across turns. */
    static GeminiToolIds forResponse(String scope) {
        return new GeminiToolIds(scope == null || scope.isEmpty() ? null : sanitize(scope));
    }

    /** The id of a function call: {@code explicit} when given, else a generated one. */
    String callId(String name, String explicit) {
        String id = explicit != null && !explicit.isEmpty() ? explicit : generate(name);
        pending.computeIfAbsent(name, k -> new ArrayDeque<>()).addLast(id);
        return id;
    }

    /** The id of a function response: {@code explicit} when given, else the oldest unanswered call of that name. */
    String resultId(String name, String explicit) {
        Deque<String> queue = pending.get(name);
        if (explicit != null && !explicit.isEmpty()) {
            if (queue != null) {
                queue.remove(explicit);
            }
            return explicit;
        }
        if (queue != null && !queue.isEmpty()) {
            return queue.pollFirst();
        }
        return generate(name);
    }

    private String generate(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 24).append("call_").append(sanitize(name)).append('_');
        if (scope != null) {
            sb.append(scope).append('_');
        }
        return sb.append(ordinal++).toString();
    }

    /** The id a response encoder gives an id-less call: derived from the host's request id. */
    static String derived(String requestId, int index) {
        return "call_" + (requestId == null || requestId.isEmpty() ? "gemini" : sanitize(requestId)) + "_" + index;
    }

    /** Keeps letters, digits, {@code _} and {@code -} (every format accepts those in ids). */
    static String sanitize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-';
            sb.append(ok ? c : '_');
        }
        return sb.toString();
    }
}
