package dev.cliproxy.bench.jmh;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ChatResponse;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.ResponseContext;
import dev.cliproxy.formats.codecs.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec work of one translated non-stream request (OpenAI client, Claude upstream): decode the client request,
 * encode the Claude request, decode the Claude answer, encode the OpenAI answer. Run with {@code -prof gc} for bytes
 * allocated per request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class WholeResponseBenchmark {

    private final byte[] request = ("{\"model\":\"fake-claude\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Say hello.\"}]}").getBytes(StandardCharsets.UTF_8);
    private final byte[] answer = ("{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"fake-claude\",\"content\":[{\"type\":\"text\",\"text\":\"Hello! How can I help you today?\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":9}}")
            .getBytes(StandardCharsets.UTF_8);
    private final ResponseContext context = new ResponseContext("fake-claude", "req-1", 1, null, false);

    @Benchmark
    public byte[] openAiClientClaudeUpstream() {
        byte[] nativeRequest = Codecs.of(WireFormat.CLAUDE_MESSAGES).encodeRequest(
                Codecs.of(WireFormat.OPENAI_CHAT).decodeRequest(Json.parse(request)));
        ChatResponse r = Codecs.of(WireFormat.CLAUDE_MESSAGES).decodeResponse(answer);
        return nativeRequest.length > 0 ? Codecs.of(WireFormat.OPENAI_CHAT).encodeResponse(r, context) : null;
    }
}
