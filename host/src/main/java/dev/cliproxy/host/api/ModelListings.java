package dev.cliproxy.host.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.ModelInfo;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.routing.ModelRegistry;
import java.time.Instant;
import java.util.List;

/**
 * Every served model in the three listing shapes: OpenAI ({@code /v1/models}), Anthropic ({@code /v1/models} for
 * Claude clients) and Gemini ({@code /v1beta/models}). Any client sees every model, whichever upstream serves it.
 */
final class ModelListings {

    private final long startedEpochSeconds;

    ModelListings(long startedEpochSeconds) {
        this.startedEpochSeconds = startedEpochSeconds;
    }

    ObjectNode openAiList(List<ModelRegistry.ListedModel> models) {
        ObjectNode root = Json.object().put("object", "list");
        ArrayNode data = root.putArray("data");
        models.forEach(m -> data.add(openAiModel(m)));
        return root;
    }

    ObjectNode openAiModel(ModelRegistry.ListedModel m) {
        return Json.object().put("id", m.id()).put("object", "model").put("created", created(m.info()))
                .put("owned_by", owner(m));
    }

    ObjectNode claudeList(List<ModelRegistry.ListedModel> models) {
        ObjectNode root = Json.object();
        ArrayNode data = root.putArray("data");
        models.forEach(m -> data.add(claudeModel(m)));
        root.put("has_more", false);
        if (models.isEmpty()) {
            root.putNull("first_id").putNull("last_id");
        } else {
            root.put("first_id", models.get(0).id()).put("last_id", models.get(models.size() - 1).id());
        }
        return root;
    }

    ObjectNode claudeModel(ModelRegistry.ListedModel m) {
        return Json.object().put("type", "model").put("id", m.id())
                .put("display_name", displayName(m))
                .put("created_at", Instant.ofEpochSecond(created(m.info())).toString());
    }

    ObjectNode geminiList(List<ModelRegistry.ListedModel> models) {
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("models");
        models.forEach(m -> list.add(geminiModel(m)));
        return root;
    }

    ObjectNode geminiModel(ModelRegistry.ListedModel m) {
        ObjectNode node = Json.object().put("name", "models/" + m.id()).put("version", "001")
                .put("displayName", displayName(m))
                .put("description", displayName(m) + " served by " + m.provider());
        if (m.info().inputTokenLimit() > 0) {
            node.put("inputTokenLimit", m.info().inputTokenLimit());
        }
        if (m.info().outputTokenLimit() > 0) {
            node.put("outputTokenLimit", m.info().outputTokenLimit());
        }
        node.putArray("supportedGenerationMethods").add("generateContent").add("streamGenerateContent")
                .add("countTokens");
        return node;
    }

    private long created(ModelInfo info) {
        return info.created() > 0 ? info.created() : startedEpochSeconds;
    }

    private static String owner(ModelRegistry.ListedModel m) {
        return m.info().ownedBy().isEmpty() ? m.provider() : m.info().ownedBy();
    }

    private static String displayName(ModelRegistry.ListedModel m) {
        return m.info().displayName().equals(m.info().id()) ? m.id() : m.info().displayName();
    }
}
