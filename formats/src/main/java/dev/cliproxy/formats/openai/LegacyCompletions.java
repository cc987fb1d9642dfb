package dev.cliproxy.formats.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.Json;
import java.util.List;

/**
 * OpenAI's legacy text completions ({@code POST /v1/completions}) served as Chat Completions: the request's
 * {@code prompt} becomes one user message (default {@value #DEFAULT_PROMPT}, an array of prompts is joined by
 * new lines) with the sampling fields kept, and each chat answer, whole or a stream chunk, goes back as a
 * {@code text_completion} with {@code choices[].text}.
 */
public final class LegacyCompletions {

    /** The prompt used when a request has none, as the Go proxy does. */
    public static final String DEFAULT_PROMPT = "Complete this:";

    private static final List<String> KEPT = List.of("model", "stream", "stream_options", "max_tokens",
            "temperature", "top_p", "n", "stop", "presence_penalty", "frequency_penalty", "logit_bias", "user",
            "seed");

    private LegacyCompletions() {
    }

    /** The Chat Completions request for a legacy completions request. */
    public static ObjectNode chatRequest(JsonNode completion) {
        ObjectNode chat = Json.object();
        for (String f : KEPT) {
            if (completion.has(f)) {
                chat.set(f, completion.get(f));
            }
        }
        chat.putArray("messages").addObject().put("role", "user").put("content", prompt(completion.get("prompt")));
        return chat;
    }

    private static String prompt(JsonNode p) {
        if (p == null || p.isNull()) {
            return DEFAULT_PROMPT;
        }
        if (p.isTextual()) {
            return p.asText().isEmpty() ? DEFAULT_PROMPT : p.asText();
        }
        if (p.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : p) {
                if (!part.isTextual()) {
                    throw new FormatException("request.prompt: token-id prompts are not supported; send text");
                }
                sb.append(sb.isEmpty() ? "" : "\n").append(part.asText());
            }
            return sb.isEmpty() ? DEFAULT_PROMPT : sb.toString();
        }
        throw new FormatException("request.prompt: expected a string or an array of strings");
    }

    /** A whole chat completion as a text completion. */
    public static byte[] completion(byte[] chatCompletion) {
        return convert(chatCompletion, "message");
    }

    /** A chat completion chunk as a text completion chunk. */
    public static byte[] completionChunk(byte[] chatChunk) {
        return convert(chatChunk, "delta");
    }

    private static byte[] convert(byte[] chat, String carrier) {
        JsonNode in = Json.parse(chat);
        if (!in.isObject() || !in.has("choices")) {
            return chat;
        }
        ObjectNode out = Json.object();
        out.set("id", in.get("id"));
        out.put("object", "text_completion");
        out.set("created", in.get("created"));
        out.set("model", in.get("model"));
        ArrayNode choices = out.putArray("choices");
        for (JsonNode c : in.path("choices")) {
            ObjectNode choice = choices.addObject();
            choice.put("text", c.path(carrier).path("content").asText(""));
            choice.put("index", c.path("index").asInt(0));
            choice.putNull("logprobs");
            choice.set("finish_reason", c.has("finish_reason") ? c.get("finish_reason") : null);
        }
        if (in.has("usage")) {
            out.set("usage", in.get("usage"));
        }
        return Json.write(out);
    }
}
