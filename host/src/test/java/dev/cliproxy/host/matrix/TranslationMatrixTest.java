package dev.cliproxy.host.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every client format against every upstream kind, streaming and not, for a text answer and a tool-call round
 * trip, through the real server over HTTP: the client gets a complete, valid answer in its own format and the
 * upstream a valid native request.
 */
class TranslationMatrixTest {

    record Case(ClientFormat client, UpstreamKind upstream, boolean stream, Scenario scenario) {
        @Override
        public String toString() {
            return client + " -> " + upstream + (stream ? " stream " : " whole ") + scenario;
        }
    }

    @RegisterExtension
    static final MatrixFixture fixture = new MatrixFixture();

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (ClientFormat client : ClientFormat.values()) {
            for (UpstreamKind upstream : UpstreamKind.values()) {
                for (boolean stream : new boolean[] {false, true}) {
                    for (Scenario scenario : Scenario.values()) {
                        cases.add(new Case(client, upstream, stream, scenario));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void clientGetsCompleteAnswerAndUpstreamGetsNativeRequest(Case c) {
        String marker = MatrixFixture.marker();
        HttpResponse<String> r = fixture.proxy().send(c.client().dialect.request(fixture.proxy(),
                MatrixFixture.CLIENT_KEY, c.upstream().model, c.scenario(), c.stream(), marker));

        ClientAnswer answer = c.client().dialect.read(r, c.stream());

        switch (c.scenario()) {
            case TEXT -> {
                assertEquals(c.upstream().greeting(), answer.text.toString(), answer.toString());
                assertEquals(List.of(), answer.toolCalls);
                assertEquals("stop", answer.finish);
            }
            case TOOL -> {
                assertEquals("Let me check.", answer.text.toString(), answer.toString());
                assertEquals(1, answer.toolCalls.size(), answer.toString());
                ClientAnswer.ToolCall call = answer.toolCalls.get(0);
                assertEquals(Scenario.TOOL_NAME, call.name());
                assertEquals("Rome", call.argumentsJson().path("city").asText(), call.arguments());
                assertEquals(1, call.argumentsJson().size(), call.arguments());
                assertEquals("tool_calls", answer.finish);
                if (c.stream() && c.upstream() != UpstreamKind.GEMINI && c.client() != ClientFormat.GEMINI) {
                    // the upstream streams the arguments in three pieces; so must the client's stream
                    assertEquals(3, answer.argumentFragments, "arguments streamed as they arrive");
                }
            }
        }
        NativeRequests.check(c.upstream(), fixture.fake.received(marker), c.scenario(),
                c.stream() || c.upstream() == UpstreamKind.CODEX, marker);
    }
}
