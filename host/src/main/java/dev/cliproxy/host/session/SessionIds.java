package dev.cliproxy.host.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Finds the client session a request belongs to, for session affinity. The sources, first found wins, are those
 * the coding CLIs send: the headers {@code X-Claude-Code-Session-Id} (Claude Code), {@code X-Session-ID},
 * {@code Session-Id} / {@code Session_id} (Codex CLI), {@code X-Session-Affinity}, {@code X-Client-Request-Id};
 * the body fields {@code session_id}, {@code sessionId}, {@code conversation_id}, {@code prompt_cache_key}
 * (OpenAI), {@code metadata.user_id} (Claude Code: a JSON text with {@code session_id}, or the older
 * {@code user_..._session_<id>} form), and the Responses {@code conversation} (an id or {@code {id}}). Without any
 * of them the session is a hash of the conversation's opening (system and first message), which stays the same
 * while an agent keeps appending turns.
 */
public final class SessionIds {

    private static final List<String> HEADERS = List.of("x-claude-code-session-id", "x-session-id", "session-id",
            "session_id", "x-session-affinity", "x-client-request-id");
    private static final List<String> BODY_FIELDS = List.of("session_id", "sessionId", "conversation_id",
            "prompt_cache_key");

    private SessionIds() {
    }

    /**
     * The session id of a request.
     *
     * @param headers the client headers, lower-case names
     * @param body    the request body
     * @param opening the conversation's opening in a stable text form, or {@code null} when it cannot be read
     * @return the session id, or {@code null} when none can be found
     */
    public static String of(Map<String, String> headers, JsonNode body, Supplier<String> opening) {
        for (String h : HEADERS) {
            String v = headers.get(h);
            if (v != null && !v.isBlank()) {
                return "h:" + v.trim();
            }
        }
        for (String f : BODY_FIELDS) {
            String v = text(body.get(f));
            if (v != null) {
                return "b:" + v;
            }
        }
        String user = claudeCodeSession(text(body.path("metadata").get("user_id")));
        if (user != null) {
            return "u:" + user;
        }
        JsonNode conversation = body.get("conversation");
        String conv = conversation != null && conversation.isObject() ? text(conversation.get("id"))
                : text(conversation);
        if (conv != null) {
            return "c:" + conv;
        }
        String first = opening.get();
        return first == null || first.isEmpty() ? null : "m:" + sha256(first);
    }

    private static String claudeCodeSession(String userId) {
        if (userId == null) {
            return null;
        }
        if (userId.startsWith("{")) {
            try {
                String s = text(Json.parse(userId.getBytes(StandardCharsets.UTF_8)).get("session_id"));
                return s != null ? s : userId;
            } catch (RuntimeException notJson) {
                return userId;
            }
        }
        int at = userId.lastIndexOf("_session_");
        return at >= 0 && at + 9 < userId.length() ? userId.substring(at + 9) : userId;
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText().trim() : null;
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
