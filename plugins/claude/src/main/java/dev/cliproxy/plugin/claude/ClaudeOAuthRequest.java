package dev.cliproxy.plugin.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamRequest;
import dev.cliproxy.formats.Json;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a Claude Code OAuth account sends besides the body: {@code Authorization: Bearer} (never {@code x-api-key}),
 * the betas OAuth needs merged with the client's, the Claude Code header set (client values win), and, for clients
 * other than Claude Code (cloak mode {@code auto}) or always ({@code always}), the Claude Code identity as the first
 * system block.
 */
final class ClaudeOAuthRequest {

    static final String IDENTITY = "You are Claude Code, Anthropic's official CLI for Claude.";
    private static final String BETAS = "claude-code-20250219,oauth-2025-04-20,interleaved-thinking-2025-05-14,"
            + "fine-grained-tool-streaming-2025-05-14";
    private static final String USER_AGENT = "claude-cli/1.0.83 (external, cli)";

    private ClaudeOAuthRequest() {
    }

    /** Sets the OAuth headers on {@code request}. */
    static UpstreamRequest.Builder headers(UpstreamCall call, UpstreamRequest.Builder request) {
        return request.header("Authorization", "Bearer " + call.secret())
                .header("anthropic-beta", betas(call.clientHeader("anthropic-beta", "")))
                .header("anthropic-dangerous-direct-browser-access", "true")
                .header("x-app", call.clientHeader("x-app", "cli"))
                .header("User-Agent", call.clientHeader("user-agent", USER_AGENT))
                .header("X-Stainless-Lang", call.clientHeader("x-stainless-lang", "js"))
                .header("X-Stainless-Runtime", call.clientHeader("x-stainless-runtime", "node"))
                .header("X-Stainless-Retry-Count", call.clientHeader("x-stainless-retry-count", "0"));
    }

    /** {@code body} with the identity system block first when the cloak mode asks for it. */
    static byte[] cloak(UpstreamCall call, byte[] body) {
        String mode = call.credential().attribute(ClaudeAccounts.CLOAK_MODE, "auto");
        boolean claudeCode = call.clientHeader("user-agent", "").startsWith("claude-cli");
        if ("never".equals(mode) || "auto".equals(mode) && claudeCode
                || !(Json.parse(body) instanceof ObjectNode root)) {
            return body;
        }
        JsonNode system = root.path("system");
        if (system.isArray() && system.size() > 0 && IDENTITY.equals(system.get(0).path("text").asText())) {
            return body;
        }
        ArrayNode blocks = Json.MAPPER.createArrayNode();
        blocks.addObject().put("type", "text").put("text", IDENTITY);
        if (system.isTextual() && !system.asText().isEmpty()) {
            blocks.addObject().put("type", "text").put("text", system.asText());
        } else if (system.isArray()) {
            blocks.addAll((ArrayNode) system);
        }
        root.set("system", blocks);
        return Json.write(root);
    }

    private static String betas(String client) {
        Set<String> all = new LinkedHashSet<>();
        for (String b : (BETAS + "," + client).split(",")) {
            if (!b.isBlank()) {
                all.add(b.trim());
            }
        }
        return String.join(",", all);
    }
}
