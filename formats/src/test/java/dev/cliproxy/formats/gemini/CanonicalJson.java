package dev.cliproxy.formats.gemini;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.StreamEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** A JSON view of canonical objects (requests, responses, stream events) for comparing them with golden files. */
final class CanonicalJson {

    @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    private interface Typed {
    }

    @JsonIgnoreProperties({"inline"})
    private interface NoDerived {
    }

    private static final ObjectMapper CANONICAL = Json.MAPPER.copy()
            .addMixIn(ContentPart.class, Typed.class)
            .addMixIn(StreamEvent.class, Typed.class)
            .addMixIn(ContentPart.Image.class, NoDerived.class)
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

    private CanonicalJson() {
    }

    /** A canonical object (request, response...) as a JSON tree, parts tagged with their type. */
    static JsonNode of(Object value) {
        return Json.parse(Json.write(CANONICAL.valueToTree(value)));
    }

    /** Stream events as a JSON array, each tagged with its type. */
    static JsonNode events(List<StreamEvent> events) {
        try {
            return Json.parse(CANONICAL.writerFor(new TypeReference<List<StreamEvent>>() { })
                    .writeValueAsBytes(events));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
