package dev.cliproxy.formats.claude;

import java.util.UUID;

/** Message and tool-use ids: generation from the host's request id, and sanitising for api.anthropic.com. */
final class ClaudeIds {

    private ClaudeIds() {
    }

    /**
     * Makes {@code id} match {@code ^[a-zA-Z0-9_-]+$}, as Claude requires of tool_use ids. Valid ids are returned
     * unchanged; otherwise every other character becomes {@code _} and a hash of the original is appended, so two
     * different ids stay different. The same function is applied to tool_use ids and tool_result references, so
     * pairs stay consistent.
     */
    static String sanitizeToolId(String id) {
        if (isValid(id)) {
            return id;
        }
        StringBuilder sb = new StringBuilder(id.length() + 10);
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            sb.append(isIdChar(c) ? c : '_');
        }
        sb.append('_').append(Integer.toHexString(id.hashCode()));
        return sb.toString();
    }

    static boolean isValid(String id) {
        if (id == null || id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (!isIdChar(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    /** The id-safe core of a request id (letters, digits, {@code _} and {@code -}); random when there is none. */
    static String base(String requestId) {
        StringBuilder sb = new StringBuilder();
        if (requestId != null) {
            for (int i = 0; i < requestId.length(); i++) {
                char c = requestId.charAt(i);
                if (isIdChar(c)) {
                    sb.append(c);
                }
            }
        }
        if (sb.isEmpty()) {
            sb.append(UUID.randomUUID().toString().replace("-", ""));
        }
        return sb.toString();
    }

    /** A message id derived from the request id. */
    static String messageId(String requestId) {
        return "msg_" + base(requestId);
    }

    /** The {@code n}-th generated tool_use id of a response. */
    static String toolUseId(String base, int n) {
        return "toolu_" + base + "_" + n;
    }
}
