package dev.cliproxy.plugin.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.LoginException;
import dev.cliproxy.api.UpstreamAnswer;
import dev.cliproxy.api.UpstreamRequest;
import dev.cliproxy.api.config.TokenAnswers;
import dev.cliproxy.formats.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Calls to OpenAI's auth endpoints: form or JSON posts; a transport failure becomes a {@link LoginException}
 * (answers are read with {@link TokenAnswers}).
 */
final class CodexTokenEndpoint {

    private CodexTokenEndpoint() {
    }

    /** POSTs {@code form} url-encoded and returns the JSON answer of a 2xx. */
    static JsonNode postForm(String url, Map<String, String> form, HostServices services, String failure)
            throws LoginException {
        UpstreamAnswer answer = send(UpstreamRequest.post(url)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .body(encode(form).getBytes(StandardCharsets.UTF_8)).build(), services, failure);
        return TokenAnswers.read(answer, failure);
    }

    /** POSTs {@code body} as JSON and returns the whole answer, whatever its status. */
    static UpstreamAnswer postJson(String url, JsonNode body, HostServices services, String failure)
            throws LoginException {
        return send(UpstreamRequest.post(url).header("Content-Type", "application/json")
                .header("Accept", "application/json").body(Json.write(body)).build(), services, failure);
    }

    private static UpstreamAnswer send(UpstreamRequest request, HostServices services, String failure)
            throws LoginException {
        try {
            return services.http().send(request);
        } catch (IOException e) {
            throw new LoginException(failure + ": " + e.getClass().getSimpleName(), e);
        }
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8).replace("+", "%20")).collect(Collectors.joining("&"));
    }
}
