package dev.cliproxy.host.management;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ModelInfo;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.http.JsonReply;
import dev.cliproxy.host.routing.Candidate;
import dev.cliproxy.host.routing.ModelRegistry;
import dev.cliproxy.host.state.LiveState;
import dev.cliproxy.host.state.RuntimeState;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which models a credential serves and what each provider's built-in catalogue holds:
 * <ul>
 *   <li>{@code GET /auth-files/models?name=} -> {@code {"models":[{id, display_name, type, owned_by}]}}: the
 *       client model names served by the credential whose id ({@code auth_index}) is {@code name}, or by the
 *       credentials read from the auth file {@code name} ({@link Credential#authFile()}); an unknown name serves no
 *       model; no name -> 400
 *       {@code name is required};</li>
 *   <li>{@code GET /model-definitions/{channel}} (or {@code ?channel=}) -> {@code {"channel", "models":[...]}}: the
 *       catalogue the provider {@code channel} serves to a credential that lists no models; an unknown channel ->
 *       400 {@code {"error":"unknown channel","channel":...}}.</li>
 * </ul>
 */
final class ModelEndpoints {

    /** The anchor's channel names for providers whose id differs. */
    private static final Map<String, String> CHANNEL_ALIASES = Map.of("anthropic", "claude", "aistudio", "gemini",
            "openai-compatibility", "openai-compat");

    private ModelEndpoints() {
    }

    static void register(ManagementRoutes routes, LiveState live) {
        routes.add(Methods.GET, "/auth-files/models", exchange -> credentialModels(exchange, live.current()));
        routes.add(Methods.GET, "/model-definitions", exchange -> definitions(exchange, live));
        routes.add(Methods.GET, "/model-definitions/{channel}", exchange -> definitions(exchange, live));
    }

    private static void credentialModels(HttpServerExchange exchange, RuntimeState state) {
        String name = Requests.query(exchange, "name");
        if (name == null || name.isBlank()) {
            throw ManagementException.badRequest("name is required");
        }
        String wanted = name.trim();
        Set<String> ids = state.allCredentials().stream()
                .filter(c -> c.id().equals(wanted) || wanted.equals(c.authFile()))
                .map(Credential::id).collect(Collectors.toSet());
        ArrayNode models = Json.MAPPER.createArrayNode();
        for (ModelRegistry.ListedModel m : state.models().listing()) {
            List<Candidate> candidates = state.models().candidates(m.id());
            if (candidates.stream().anyMatch(c -> ids.contains(c.credentialId()))) {
                models.addObject().put("id", m.id()).put("display_name", m.info().displayName())
                        .put("type", m.provider())
                        .put("owned_by", m.info().ownedBy().isEmpty() ? m.provider() : m.info().ownedBy());
            }
        }
        Replies.value(exchange, "models", models);
    }

    private static void definitions(HttpServerExchange exchange, LiveState live) {
        String channel = Requests.query(exchange, "channel");
        if (channel == null || channel.isBlank()) {
            throw ManagementException.badRequest("channel is required");
        }
        String normalised = channel.trim().toLowerCase(Locale.ROOT);
        String id = CHANNEL_ALIASES.getOrDefault(normalised, normalised);
        ProviderPlugin provider = live.providers().all().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElse(null);
        if (provider == null) {
            ObjectNode body = Json.object().put("error", "unknown channel").put("channel", normalised);
            JsonReply.send(exchange, 400, body);
            return;
        }
        ObjectNode body = Json.object().put("channel", normalised);
        ArrayNode models = body.putArray("models");
        for (ModelInfo info : provider.defaultModels(Credential.builder("model-definitions", provider.id()).build())) {
            ObjectNode m = models.addObject().put("id", info.id()).put("object", "model")
                    .put("created", info.created())
                    .put("owned_by", info.ownedBy().isEmpty() ? provider.id() : info.ownedBy())
                    .put("type", provider.id()).put("display_name", info.displayName());
            if (info.inputTokenLimit() > 0) {
                m.put("inputTokenLimit", info.inputTokenLimit());
            }
            if (info.outputTokenLimit() > 0) {
                m.put("outputTokenLimit", info.outputTokenLimit());
            }
        }
        JsonReply.send(exchange, 200, body);
    }
}
