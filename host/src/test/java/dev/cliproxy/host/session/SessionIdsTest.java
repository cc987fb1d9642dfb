package dev.cliproxy.host.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionIdsTest {

    private static JsonNode body(String json) {
        return Json.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String of(Map<String, String> headers, String json) {
        return SessionIds.of(headers, body(json), () -> null);
    }

    @Test
    void aHeaderWinsOverTheBody() {
        assertEquals("h:abc", of(Map.of("x-claude-code-session-id", "abc"), "{\"prompt_cache_key\":\"k\"}"));
        assertEquals("h:codex-1", of(Map.of("session_id", "codex-1"), "{}"));
    }

    @Test
    void bodyFieldsInTheAnchorsOrder() {
        assertEquals("b:s", of(Map.of(), "{\"session_id\":\"s\",\"prompt_cache_key\":\"k\"}"));
        assertEquals("b:k", of(Map.of(), "{\"prompt_cache_key\":\"k\"}"));
        assertEquals("c:conv_1", of(Map.of(), "{\"conversation\":{\"id\":\"conv_1\"}}"));
        assertEquals("c:conv_2", of(Map.of(), "{\"conversation\":\"conv_2\"}"));
    }

    @Test
    void claudeCodeUserIdInBothForms() {
        assertEquals("u:s-1", of(Map.of(), "{\"metadata\":{\"user_id\":\"{\\\"session_id\\\":\\\"s-1\\\"}\"}}"));
        assertEquals("u:9f2c", of(Map.of(), "{\"metadata\":{\"user_id\":\"user_ab_account_cd_session_9f2c\"}}"));
        assertEquals("u:plain-user", of(Map.of(), "{\"metadata\":{\"user_id\":\"plain-user\"}}"));
    }

    @Test
    void theOpeningIsHashedWhenNothingElseNamesTheSession() {
        String a = SessionIds.of(Map.of(), body("{}"), () -> "system\nfirst message");
        assertEquals(a, SessionIds.of(Map.of(), body("{}"), () -> "system\nfirst message"));
        assertNotEquals(a, SessionIds.of(Map.of(), body("{}"), () -> "system\nanother first message"));
        assertNull(SessionIds.of(Map.of(), body("{}"), () -> null));
    }
}
