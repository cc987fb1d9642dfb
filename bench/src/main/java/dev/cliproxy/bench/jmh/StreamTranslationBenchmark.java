package dev.cliproxy.bench.jmh;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ModelFieldRewriter;
import dev.cliproxy.formats.ResponseContext;
import dev.cliproxy.formats.StreamDecoder;
import dev.cliproxy.formats.StreamEncoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.codecs.Codecs;
import dev.cliproxy.formats.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Stream-event translation, one text delta per operation, as the host relays it: native event -> decoder ->
 * canonical events -> client encoder -> bytes on the wire. Operations per second are events per second; run with
 * {@code -prof gc} for the bytes allocated per event ({@code gc.alloc.rate.norm}). The pass-through case is what the
 * host does when the client speaks the upstream's format and an alias is in play: rewrite the model field, frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class StreamTranslationBenchmark {

    /** Which pair: native format of the upstream -> format of the client. */
    @Param({"CLAUDE_TO_OPENAI", "OPENAI_TO_CLAUDE", "GEMINI_TO_OPENAI", "OPENAI_TO_RESPONSES", "OPENAI_PASS_THROUGH"})
    public String pair;

    private StreamDecoder decoder;
    private StreamEncoder encoder;
    private SseEvent delta;
    private ModelFieldRewriter rewriter;
    private Blackhole hole;
    private final Consumer<SseEvent> wire = ev -> hole.consume(ev.toBytes());
    private final Consumer<StreamEvent> canonical = ev -> encoder.encode(ev, wire);

    private static final String OPENAI_HEAD = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
            + "\"finish_reason\":null}]}";
    private static final String OPENAI_DELTA = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello there, \"},"
            + "\"finish_reason\":null}]}";

    @Setup(Level.Iteration)
    public void setUp(Blackhole blackhole) {
        hole = blackhole;
        List<SseEvent> head = new ArrayList<>();
        WireFormat from;
        WireFormat to;
        switch (pair) {
            case "CLAUDE_TO_OPENAI" -> {
                from = WireFormat.CLAUDE_MESSAGES;
                to = WireFormat.OPENAI_CHAT;
                head.add(SseEvent.of("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                        + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[],"
                        + "\"stop_reason\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}"));
                head.add(SseEvent.of("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
                delta = SseEvent.of("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello there, \"}}");
            }
            case "OPENAI_TO_CLAUDE", "OPENAI_TO_RESPONSES", "OPENAI_PASS_THROUGH" -> {
                from = WireFormat.OPENAI_CHAT;
                to = pair.equals("OPENAI_TO_CLAUDE") ? WireFormat.CLAUDE_MESSAGES
                        : pair.equals("OPENAI_TO_RESPONSES") ? WireFormat.OPENAI_RESPONSES : WireFormat.OPENAI_CHAT;
                head.add(SseEvent.data(OPENAI_HEAD));
                delta = SseEvent.data(OPENAI_DELTA);
            }
            case "GEMINI_TO_OPENAI" -> {
                from = WireFormat.GEMINI;
                to = WireFormat.OPENAI_CHAT;
                delta = SseEvent.data("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hello there, \"}],"
                        + "\"role\":\"model\"},\"index\":0}],\"modelVersion\":\"m\"}");
                head.add(delta);
            }
            default -> throw new IllegalArgumentException(pair);
        }
        decoder = Codecs.of(from).newStreamDecoder();
        encoder = Codecs.of(to).newStreamEncoder(new ResponseContext("client-model", "req-1", 1, null, false));
        rewriter = ModelFieldRewriter.topLevel("model");
        if (!pair.equals("OPENAI_PASS_THROUGH")) {
            for (SseEvent e : head) {
                decoder.decode(e, canonical);
            }
        }
    }

    @Benchmark
    public void delta() {
        if (rewriter != null && pair.equals("OPENAI_PASS_THROUGH")) {
            hole.consume(new SseEvent(delta.event(), rewriter.rewrite(delta.data(), "client-model")).toBytes());
            return;
        }
        decoder.decode(delta, canonical);
    }
}
