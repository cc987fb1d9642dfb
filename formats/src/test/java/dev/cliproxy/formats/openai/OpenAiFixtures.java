package dev.cliproxy.formats.openai;

import dev.cliproxy.formats.ResponseContext;
import dev.cliproxy.formats.StreamDecoder;
import dev.cliproxy.formats.StreamEncoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;

/** The codec under test, the response context its tests use, and whole-stream decode/encode with it. */
final class OpenAiFixtures {

    static final OpenAiChatCodec CODEC = new OpenAiChatCodec();
    static final long CREATED = 1_700_000_000L;

    private OpenAiFixtures() {
    }

    static ResponseContext ctx(boolean includeUsage) {
        return new ResponseContext("my-alias", "req-1", CREATED, null, includeUsage);
    }

    static List<StreamEvent> decode(List<SseEvent> upstream) {
        StreamDecoder decoder = CODEC.newStreamDecoder();
        List<StreamEvent> events = new ArrayList<>();
        upstream.forEach(e -> decoder.decode(e, events::add));
        decoder.end(events::add);
        return events;
    }

    static List<SseEvent> encode(List<StreamEvent> events, ResponseContext ctx) {
        StreamEncoder encoder = CODEC.newStreamEncoder(ctx);
        List<SseEvent> out = new ArrayList<>();
        events.forEach(e -> encoder.encode(e, out::add));
        encoder.end(out::add);
        return out;
    }
}
