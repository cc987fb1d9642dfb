package dev.cliproxy.host.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.host.testing.Sse;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What users of streaming proxies hit most: streams the upstream cuts off, empty {@code data:} frames, errors in
 * the middle of a stream, and Gemini's JSON-array stream. Every client format against every upstream kind,
 * passed through or translated.
 */
class StreamIntegrityTest {

    record Pair(ClientFormat client, UpstreamKind upstream) {
        @Override
        public String toString() {
            return client + " -> " + upstream;
        }
    }

    @RegisterExtension
    static final MatrixFixture fixture = new MatrixFixture();

    static Stream<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        for (ClientFormat c : ClientFormat.values()) {
            for (UpstreamKind u : UpstreamKind.values()) {
                pairs.add(new Pair(c, u));
            }
        }
        return pairs.stream();
    }

    private HttpResponse<String> stream(Pair p, String marker) {
        return fixture.proxy().send(p.client().dialect.request(fixture.proxy(), MatrixFixture.CLIENT_KEY,
                p.upstream().model, Scenario.TEXT, true, marker));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void streamCutByTheUpstreamEndsWithTheClientsErrorEventNotAFakeCompletion(Pair p) {
        String marker = MatrixFixture.marker();
        fixture.fake.script(marker, r -> FakeUpstreams.sse(p.upstream().cutTranscript()));

        HttpResponse<String> r = stream(p, marker);

        ClientDialect.assertSse(r);
        List<SseEvent> events = Sse.parse(r.body());
        SseEvent last = events.get(events.size() - 1);
        assertTrue(p.client().dialect.isStreamError(last.event(), Json.parse(last.data())),
                "the stream ends with the client format's error event:\n" + r.body());
        assertTrue(r.body().contains("Hello from "), "the text received before the cut is delivered");
        assertFalse(r.body().contains("data: [DONE]") || r.body().contains("event: message_stop")
                || r.body().contains("event: response.completed") || r.body().contains("\"finishReason\""),
                "no completion is faked:\n" + r.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void emptyDataFramesAndCommentsFromTheUpstreamNeverReachTheClient(Pair p) {
        String marker = MatrixFixture.marker();
        String noisy = p.upstream().transcript(Scenario.TEXT, true)
                .replace("\n\n", "\n\ndata:\n\n: keep-alive\n\ndata: \n\n");
        fixture.fake.script(marker, r -> FakeUpstreams.sse(noisy));

        HttpResponse<String> r = stream(p, marker);

        ClientAnswer answer = p.client().dialect.read(r, true); // fails on any empty data frame
        assertEquals(p.upstream().greeting(), answer.text.toString());
        assertEquals("stop", answer.finish);
    }

    @ParameterizedTest(name = "{0} client")
    @EnumSource(ClientFormat.class)
    void upstreamErrorInTheMiddleOfAStreamReachesTheClientAsItsStreamError(ClientFormat client) {
        String marker = MatrixFixture.marker();
        String failing = UpstreamKind.CLAUDE.cutTranscript()
                + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"Overloaded\"}}\n\n";
        fixture.fake.script(marker, r -> FakeUpstreams.sse(failing));

        HttpResponse<String> r = stream(new Pair(client, UpstreamKind.CLAUDE), marker);

        ClientDialect.assertSse(r);
        List<SseEvent> events = Sse.parse(r.body());
        SseEvent last = events.get(events.size() - 1);
        assertTrue(client.dialect.isStreamError(last.event(), Json.parse(last.data())), r.body());
        assertTrue(r.body().contains("Overloaded"), "the upstream's message is kept:\n" + r.body());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = UpstreamKind.class, names = {"GEMINI", "COMPAT"})
    void anUnnamedErrorChunkOfAPassedThroughStreamReachesTheClientOnce(UpstreamKind upstream) {
        String marker = MatrixFixture.marker();
        String failing = upstream.cutTranscript() + "data: {\"error\":{\"code\":503,\"message\":"
                + "\"The model is overloaded.\",\"status\":\"UNAVAILABLE\",\"type\":\"server_error\"}}\n\n";
        fixture.fake.script(marker, r -> FakeUpstreams.sse(failing));
        ClientFormat client = upstream == UpstreamKind.GEMINI ? ClientFormat.GEMINI : ClientFormat.OPENAI_CHAT;

        HttpResponse<String> r = stream(new Pair(client, upstream), marker);

        ClientDialect.assertSse(r);
        List<SseEvent> events = Sse.parse(r.body());
        assertTrue(events.get(events.size() - 1).dataText().contains("The model is overloaded."), r.body());
        assertEquals(1, events.stream().filter(e -> e.dataText().contains("\"error\"")).count(),
                "one error event, the upstream's own:\n" + r.body());
    }

    @ParameterizedTest(name = "from {0}")
    @EnumSource(UpstreamKind.class)
    void geminiStreamWithoutAltIsOneJsonArrayOfChunks(UpstreamKind upstream) {
        String marker = MatrixFixture.marker();
        HttpRequest sse = ClientFormat.GEMINI.dialect.request(fixture.proxy(), MatrixFixture.CLIENT_KEY,
                upstream.model, Scenario.TEXT, true, marker);
        String url = sse.uri().toString().replace("?alt=sse", "");
        HttpRequest array = HttpRequest.newBuilder(sse, (name, value) -> true).uri(URI.create(url)).build();

        HttpResponse<String> r = fixture.proxy().send(array);

        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode chunks = Json.parse(r.body().getBytes());
        assertTrue(chunks.isArray() && !chunks.isEmpty(), r.body());
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : chunks) {
            for (JsonNode part : chunk.at("/candidates/0/content/parts")) {
                if (!part.path("thought").asBoolean(false)) {
                    text.append(part.path("text").asText(""));
                }
            }
        }
        assertEquals(upstream.greeting(), text.toString());
        assertEquals("STOP", chunks.get(chunks.size() - 1).at("/candidates/0/finishReason").asText(), r.body());
    }
}
