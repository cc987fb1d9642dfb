package dev.cliproxy.host.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.http.JsonReply;
import dev.cliproxy.host.oauth.AccountLogins;
import dev.cliproxy.host.oauth.AccountSessions;
import dev.cliproxy.host.oauth.LoginSession;
import dev.cliproxy.host.oauth.LoginSessions;
import dev.cliproxy.host.oauth.OAuthAccounts;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * OAuth accounts in the management API. The spec's: {@code GET /sessions}, {@code POST /oauth/{provider}} ({@code
 * {"status":"ok","url","state"}}), {@code DELETE /sessions/{id}}. The Go anchor's: {@code GET /<name>-auth-url} for
 * every login name ({@code /anthropic-auth-url}, {@code /codex-auth-url}...), {@code GET /get-auth-status?state=},
 * {@code DELETE /oauth-session?state=}, and {@code GET|POST /oauth-callback} to finish a login by pasting the
 * redirect URL (a headless server logged in from a browser elsewhere).
 */
public final class OAuthEndpoints {

    private OAuthEndpoints() {
    }

    /** Mounts the endpoints for {@code oauth} on {@code routes}. */
    public static void register(ManagementRoutes routes, OAuthAccounts oauth) {
        routes.add(Methods.GET, "/sessions", exchange -> sessions(exchange, oauth.accounts()));
        routes.add(Methods.DELETE, "/sessions/{id}", exchange -> {
            if (oauth.accounts().revoke(Requests.query(exchange, "id")).isEmpty()) {
                throw new ManagementException(404, "session not found");
            }
            Replies.ok(exchange);
        });
        routes.add(Methods.POST, "/oauth/{provider}", exchange -> start(exchange, oauth,
                Requests.query(exchange, "provider")));
        for (String name : oauth.logins().names()) {
            routes.add(Methods.GET, "/" + name + "-auth-url", exchange -> start(exchange, oauth, name));
        }
        routes.add(Methods.GET, "/get-auth-status", exchange -> status(exchange, oauth.sessions()));
        routes.add(Methods.DELETE, "/oauth-session", exchange -> {
            String state = checkedState(Requests.query(exchange, "state"));
            ObjectNode body = Json.object().put("status", "ok").put("cancelled", oauth.sessions().cancel(state));
            JsonReply.send(exchange, 200, body);
        });
        routes.add(Methods.GET, "/oauth-callback", exchange -> callback(exchange, oauth.sessions(),
                queryMap(exchange)));
        routes.add(Methods.POST, "/oauth-callback", exchange -> callback(exchange, oauth.sessions(),
                bodyMap(Requests.json(exchange))));
    }

    private static void sessions(HttpServerExchange exchange, AccountSessions accounts) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (AccountSessions.Session s : accounts.list()) {
            ObjectNode o = list.addObject();
            o.put("id", s.id());
            o.put("provider", s.provider());
            o.put("email", s.email());
            o.put("file", s.file());
            o.put("status", s.status());
            o.put("disabled", s.disabled());
            putInstant(o, "expires_at", s.expiresAt());
            putInstant(o, "last_refresh", s.lastRefresh());
            o.put("last_error", s.lastError());
        }
        Replies.value(exchange, "sessions", list);
    }

    private static void start(HttpServerExchange exchange, OAuthAccounts oauth, String provider) {
        AccountLogins.Entry login = oauth.logins().byName(provider)
                .orElseThrow(() -> new ManagementException(404, "unknown provider"));
        String projectId = Requests.query(exchange, "project_id");
        LoginSession session = oauth.sessions().start(login, null,
                projectId == null || projectId.isBlank() ? Map.of() : Map.of("project_id", projectId.trim()));
        ObjectNode body = Json.object().put("status", "ok").put("url", session.url()).put("state", session.state());
        JsonReply.send(exchange, 200, body);
    }

    private static void status(HttpServerExchange exchange, LoginSessions sessions) {
        String state = Requests.query(exchange, "state");
        ObjectNode body = Json.object();
        if (state == null) {
            body.put("status", "ok");
        } else {
            LoginSession s = sessions.get(checkedState(state)).orElse(null);
            if (s == null) {
                body.put("status", "error").put("error", "unknown or expired state");
            } else if (s.status() == LoginSession.Status.ERROR) {
                body.put("status", "error").put("error", s.message());
            } else {
                body.put("status", s.status() == LoginSession.Status.OK ? "ok" : "wait");
            }
        }
        JsonReply.send(exchange, 200, body);
    }

    private static void callback(HttpServerExchange exchange, LoginSessions sessions, Map<String, String> params) {
        String redirect = params.get("redirect_url");
        if (redirect != null && !redirect.isBlank()) {
            try {
                params.putAll(query(URI.create(redirect.trim()).getRawQuery()));
            } catch (IllegalArgumentException e) {
                throw ManagementException.badRequest("invalid redirect_url");
            }
        }
        LoginSessions.Outcome outcome = sessions.complete(checkedState(params.get("state")), params.get("code"),
                params.get("error"));
        if (outcome.status() != 200) {
            throw new ManagementException(outcome.status(), outcome.message());
        }
        Replies.ok(exchange);
    }

    private static String checkedState(String state) {
        if (!LoginSessions.validState(state)) {
            throw ManagementException.badRequest("invalid state");
        }
        return state;
    }

    private static Map<String, String> queryMap(HttpServerExchange exchange) {
        Map<String, String> out = new HashMap<>();
        exchange.getQueryParameters().forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, v.getFirst());
            }
        });
        return out;
    }

    private static Map<String, String> bodyMap(JsonNode body) {
        if (!body.isObject()) {
            throw ManagementException.invalidBody();
        }
        Map<String, String> out = new HashMap<>();
        body.properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void putInstant(ObjectNode o, String field, Instant at) {
        if (at == null) {
            o.putNull(field);
        } else {
            o.put(field, at.toString());
        }
    }
}
