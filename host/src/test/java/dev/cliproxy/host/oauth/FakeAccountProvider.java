package dev.cliproxy.host.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of Anthropic's and OpenAI's OAuth and model APIs on one loopback port: a browser authorization page that
 * redirects to the redirect URI with a code, a token endpoint that checks PKCE and rotates single-use refresh tokens
 * (a reused one is refused with {@code invalid_grant}), the Codex device endpoints, and model endpoints that accept
 * only live access tokens. Every token it issues starts with {@value #SENTINEL}, so tests can grep logs for them.
 */
public final class FakeAccountProvider implements AutoCloseable {

    /** Every token issued starts with this. */
    public static final String SENTINEL = "SECRET-TOKEN-";
    public static final String EMAIL = "dev@example.com";
    public static final String ACCOUNT = "acc-123";

    /** One model call as the fake received it. */
    record Call(String path, Map<String, String> headers, JsonNode body) {
    }

    private final Undertow server;
    private final Map<String, String> challenges = new ConcurrentHashMap<>();
    private final Set<String> liveAccess = ConcurrentHashMap.newKeySet();
    private final Set<String> liveRefresh = ConcurrentHashMap.newKeySet();
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger refreshPosts = new AtomicInteger();
    private final AtomicInteger devicePolls = new AtomicInteger();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile int refreshFailure;
    private volatile String refreshFailureBody;
    private volatile String refreshRetryAfter;
    private volatile CountDownLatch refreshGate;

    public FakeAccountProvider() {
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(new BlockingHandler(this::handle))
                .build();
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + ((InetSocketAddress) server.getListenerInfo().getFirst().getAddress()).getPort();
    }

    /** The {@code oauth:} config section pointing both providers here, with callbacks on free ports. */
    public String oauthYaml() {
        return "oauth:\n  claude:\n    authorize-url: " + base() + "/oauth/authorize\n    token-url: " + base()
                + "/oauth/token\n    api-base-url: " + base() + "\n    callback-port: 0\n  codex:\n    authorize-url: "
                + base() + "/oauth/authorize\n    token-url: " + base() + "/oauth/token\n    device-url: " + base()
                + "/api/accounts/deviceauth\n    api-base-url: " + base() + "/codex\n    callback-port: 0\n";
    }

    /** A new live access/refresh token pair. */
    String[] issuePair() {
        int n = issued.incrementAndGet();
        String access = SENTINEL + "access-" + n;
        String refresh = SENTINEL + "refresh-" + n;
        liveAccess.add(access);
        liveRefresh.add(refresh);
        return new String[] {access, refresh};
    }

    /** Makes {@code access} invalid (revoked): model calls with it get 401. */
    void revoke(String access) {
        liveAccess.remove(access);
    }

    /** The token endpoint answers refreshes with {@code status} (0: normally). */
    void failRefreshes(int status) {
        failRefreshes(status, "{\"error\":\"invalid_grant\"}", null);
    }

    /** Refreshes fail with {@code status}, {@code body} and, when not null, a {@code Retry-After} header. */
    void failRefreshes(int status, String body, String retryAfter) {
        this.refreshFailureBody = body;
        this.refreshRetryAfter = retryAfter;
        this.refreshFailure = status;
    }

    /** Refreshes wait until the returned latch is opened. */
    CountDownLatch holdRefreshes() {
        CountDownLatch gate = new CountDownLatch(1);
        this.refreshGate = gate;
        return gate;
    }

    int refreshPosts() {
        return refreshPosts.get();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** An id_token naming {@link #EMAIL}, {@link #ACCOUNT} and plan {@code plus}. */
    static String idToken() {
        String claims = "{\"email\":\"" + EMAIL + "\",\"https://api.openai.com/auth\":{\"chatgpt_account_id\":\""
                + ACCOUNT + "\",\"chatgpt_plan_type\":\"plus\"}}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".sig";
    }

    private void handle(HttpServerExchange ex) throws IOException, InterruptedException {
        String path = ex.getRequestPath();
        byte[] body = ex.getInputStream().readAllBytes();
        switch (path) {
            case "/oauth/authorize" -> authorize(ex);
            case "/oauth/token" -> token(ex, body);
            case "/api/accounts/deviceauth/usercode" -> json(ex, 200, "{\"device_auth_id\":\"dev-1\","
                    + "\"user_code\":\"ABCD-EFGH\",\"interval\":\"1\"}");
            case "/api/accounts/deviceauth/token" -> deviceToken(ex);
            case "/v1/messages", "/codex/responses" -> model(ex, path, body);
            default -> json(ex, 404, "{\"error\":\"not found\"}");
        }
    }

    private void authorize(HttpServerExchange ex) {
        String code = "code-" + issued.incrementAndGet();
        challenges.put(code, param(ex, "code_challenge"));
        ex.setStatusCode(302);
        ex.getResponseHeaders().put(Headers.LOCATION, param(ex, "redirect_uri") + "?code=" + code + "&state="
                + param(ex, "state"));
        ex.endExchange();
    }

    private void token(HttpServerExchange ex, byte[] body) throws InterruptedException {
        Map<String, String> in = fields(ex, body);
        if ("refresh_token".equals(in.get("grant_type"))) {
            refreshPosts.incrementAndGet();
            CountDownLatch gate = refreshGate;
            if (gate != null) {
                gate.await(20, TimeUnit.SECONDS);
            }
            if (refreshFailure != 0) {
                if (refreshRetryAfter != null) {
                    ex.getResponseHeaders().put(io.undertow.util.HttpString.tryFromString("Retry-After"),
                            refreshRetryAfter);
                }
                json(ex, refreshFailure, refreshFailureBody);
                return;
            }
            if (!liveRefresh.remove(in.getOrDefault("refresh_token", ""))) {
                json(ex, 400, "{\"error\":\"invalid_grant\"}");
                return;
            }
            tokens(ex, in);
            return;
        }
        String challenge = challenges.remove(in.getOrDefault("code", ""));
        String verifier = in.getOrDefault("code_verifier", "");
        boolean device = "device-code".equals(in.get("code")) && "device-verifier".equals(verifier);
        if (!device && (challenge == null || !challenge.equals(Pkce.challenge(verifier)))) {
            json(ex, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        tokens(ex, in);
    }

    private void tokens(HttpServerExchange ex, Map<String, String> in) {
        String[] pair = issuePair();
        ObjectNode out = Json.object().put("access_token", pair[0]).put("refresh_token", pair[1])
                .put("expires_in", 28_800).put("id_token", idToken());
        out.putObject("account").put("uuid", "uuid-1").put("email_address", EMAIL);
        out.putObject("organization").put("uuid", "org-1").put("name", "Org");
        json(ex, 200, out.toString());
    }

    private void deviceToken(HttpServerExchange ex) {
        if (devicePolls.incrementAndGet() < 2) {
            json(ex, 403, "{\"error\":\"authorization_pending\"}");
            return;
        }
        json(ex, 200, "{\"authorization_code\":\"device-code\",\"code_verifier\":\"device-verifier\","
                + "\"code_challenge\":\"x\"}");
    }

    private void model(HttpServerExchange ex, String path, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach(h -> headers.put(h.getHeaderName().toString().toLowerCase(),
                h.getFirst()));
        calls.add(new Call(path, headers, Json.parse(body)));
        String auth = headers.getOrDefault("authorization", "");
        if (!auth.startsWith("Bearer ") || !liveAccess.contains(auth.substring(7))) {
            json(ex, 401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                    + "\"message\":\"OAuth token has expired\"}}");
            return;
        }
        if (path.startsWith("/codex")) {
            ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
            ex.getResponseSender().send(codexStream(), StandardCharsets.UTF_8);
            return;
        }
        json(ex, 200, "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"hello\"}],\"stop_reason\":\"end_turn\","
                + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}");
    }

    private static String codexStream() {
        String item = "{\"type\":\"message\",\"id\":\"m1\",\"role\":\"assistant\",\"status\":\"completed\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"hello\",\"annotations\":[]}]}";
        return "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"id\":\"r1\","
                + "\"object\":\"response\",\"status\":\"in_progress\",\"model\":\"gpt-5\",\"output\":[]}}\n\n"
                + "event: response.output_item.done\ndata: {\"type\":\"response.output_item.done\","
                + "\"output_index\":0,\"item\":" + item + "}\n\n"
                + "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"id\":\"r1\","
                + "\"object\":\"response\",\"status\":\"completed\",\"model\":\"gpt-5\",\"output\":[" + item + "],"
                + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1,\"total_tokens\":4}}}\n\n";
    }

    private static Map<String, String> fields(HttpServerExchange ex, byte[] body) {
        Map<String, String> out = new HashMap<>();
        String type = ex.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        String text = new String(body, StandardCharsets.UTF_8);
        if (type != null && type.startsWith("application/json")) {
            Json.parse(body).properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String param(HttpServerExchange ex, String name) {
        var v = ex.getQueryParameters().get(name);
        return v == null ? "" : v.getFirst();
    }

    private static void json(HttpServerExchange ex, int status, String body) {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.getResponseSender().send(body, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop();
    }
}
