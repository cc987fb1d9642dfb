package dev.cliproxy.host.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * One fake server standing in for all four upstream kinds ({@code /claude}, {@code /gemini}, {@code /codex},
 * {@code /compat}). It answers like the real APIs from the recorded transcripts in {@code matrix/}: a stream when
 * the request asks for one (Claude/compat {@code "stream":true}, Gemini {@code streamGenerateContent}, Codex always),
 * the tool scenario when the request offers the tool. Requests are recorded by the {@code [case-N]} marker of their
 * text, and a test may script the answer for its marker.
 */
final class FakeUpstreams extends Dispatcher {

    private static final Pattern MARKER = Pattern.compile("\\[case-\\d+]");

    private final Map<String, RecordedRequest> byMarker = new ConcurrentHashMap<>();
    private final Map<String, Function<RecordedRequest, MockResponse>> scripts = new ConcurrentHashMap<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        Matcher m = MARKER.matcher(body);
        String marker = m.find() ? m.group() : null;
        if (marker != null) {
            byMarker.put(marker, request);
            Function<RecordedRequest, MockResponse> script = scripts.get(marker);
            if (script != null) {
                return script.apply(request);
            }
        }
        String path = request.getUrl().encodedPath();
        UpstreamKind kind = UpstreamKind.forPath(path);
        if (kind == null) {
            return json(404, "{\"error\":{\"message\":\"no such fake upstream: " + path + "\"}}");
        }
        if (path.endsWith("/count_tokens")) {
            return json(200, "{\"input_tokens\":42}");
        }
        if (path.endsWith(":countTokens")) {
            return json(200, "{\"totalTokens\":42,\"promptTokensDetails\":[{\"modality\":\"TEXT\","
                    + "\"tokenCount\":42}]}");
        }
        Scenario scenario = body.contains(Scenario.TOOL_NAME) ? Scenario.TOOL : Scenario.TEXT;
        boolean stream = switch (kind) {
            case CLAUDE, COMPAT -> Json.parse(body.getBytes()).path("stream").asBoolean(false);
            case GEMINI -> path.contains(":streamGenerateContent");
            case CODEX -> true;
        };
        return stream ? sse(kind.transcript(scenario, true)) : json(200, kind.transcript(scenario, false));
    }

    /** Scripts the answer to requests carrying {@code marker}. */
    void script(String marker, Function<RecordedRequest, MockResponse> answer) {
        scripts.put(marker, answer);
    }

    /** The last upstream request that carried {@code marker}, or {@code null}. */
    RecordedRequest received(String marker) {
        return byMarker.get(marker);
    }

    /** The JSON body of the last request carrying {@code marker}. */
    JsonNode receivedJson(String marker) {
        RecordedRequest r = byMarker.get(marker);
        if (r == null) {
            throw new AssertionError("the upstream received no request for " + marker);
        }
        return Json.parse(r.getBody().toByteArray());
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse sse(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .addHeader("Cache-Control", "no-cache").body(body).build();
    }
}
