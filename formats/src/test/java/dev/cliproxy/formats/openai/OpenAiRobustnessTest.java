package dev.cliproxy.formats.openai;

import static dev.cliproxy.formats.openai.OpenAiFixtures.CODEC;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.GoldenFiles;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.StreamDecoder;
import dev.cliproxy.formats.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every value of the golden inputs, one at a time, is replaced by a value of each other JSON type: decoders must
 * answer with a FormatException (requests, responses) or carry on (streams, errors), never another exception.
 */
class OpenAiRobustnessTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("openai");

    private static final List<JsonNode> REPLACEMENTS = List.of(Json.MAPPER.nullNode(),
            Json.MAPPER.getNodeFactory().numberNode(-1), Json.MAPPER.getNodeFactory().textNode("x"),
            Json.MAPPER.getNodeFactory().booleanNode(true), Json.MAPPER.createArrayNode(), Json.object());

    @ParameterizedTest
    @ValueSource(strings = {"request-tools-parallel-results.json", "request-legacy-functions.json",
            "request-sampling-format-reasoning.json", "request-pdf-file.json", "request-image-url-and-base64.json"})
    void mutatedRequestsAreDecodedOrRejectedWithAFormatException(String name) {
        forEachMutation(GOLDEN.json(name), body -> {
            try {
                CODEC.decodeRequest(body);
            } catch (FormatException expected) {
                assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"response-tool-calls.json", "response-reasoning-cached-length.json"})
    void mutatedResponsesAreDecodedOrRejectedWithAFormatException(String name) {
        forEachMutation(GOLDEN.json(name), body -> {
            try {
                CODEC.decodeResponse(Json.write(body));
            } catch (FormatException expected) {
                assertTrue(expected.getMessage() != null);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-tool-call-usage.sse", "stream-reasoning-usage.sse"})
    void mutatedStreamChunksNeverBreakTheDecoder(String name) {
        for (SseEvent event : GOLDEN.sse(name)) {
            if (event.dataEquals("[DONE]")) {
                continue;
            }
            forEachMutation(Json.parse(event.data()), chunk -> {
                StreamDecoder decoder = CODEC.newStreamDecoder();
                List<Object> out = new ArrayList<>();
                decoder.decode(SseEvent.data(Json.write(chunk)), out::add);
                decoder.end(out::add);
                CODEC.decodeError(500, Json.write(chunk));
            });
        }
    }

    private static void forEachMutation(JsonNode original, Consumer<JsonNode> check) {
        List<String> paths = new ArrayList<>();
        collect(original, "", paths);
        for (String path : paths) {
            for (JsonNode replacement : REPLACEMENTS) {
                JsonNode copy = original.deepCopy();
                replace(copy, path, replacement);
                try {
                    check.accept(copy);
                } catch (RuntimeException e) {
                    fail("at " + path + " = " + replacement + ": " + e, e);
                }
            }
        }
    }

    private static void collect(JsonNode node, String path, List<String> out) {
        if (!path.isEmpty()) {
            out.add(path);
        }
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(f -> collect(node.get(f), path + "/" + f, out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "/" + i, out);
            }
        }
    }

    private static void replace(JsonNode root, String path, JsonNode value) {
        int slash = path.lastIndexOf('/');
        JsonNode parent = slash == 0 ? root : root.at(path.substring(0, slash));
        String key = path.substring(slash + 1);
        if (parent instanceof ObjectNode o) {
            o.set(key, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(key), value);
        }
    }
}
