package dev.cliproxy.host.pipeline;

import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.ChatResponse;
import dev.cliproxy.formats.Codec;
import dev.cliproxy.formats.ModelFieldRewriter;
import dev.cliproxy.formats.ResponseContext;
import dev.cliproxy.formats.Usage;
import dev.cliproxy.formats.codecs.Codecs;
import dev.cliproxy.host.payload.PayloadRules;
import dev.cliproxy.host.payload.PayloadTarget;
import dev.cliproxy.host.routing.Candidate;

/**
 * Translation for one client request: pass-through when the client already speaks the provider's format (only the
 * model name changes, every other byte is kept), else client codec -> canonical -> provider codec and back. The
 * canonical request is decoded once, however many upstream attempts follow. One instance per request.
 */
final class FormatBridge {

    private final InboundRequest in;
    private final Codec client;
    private final PayloadRules payload;
    private ChatRequest canonical;

    FormatBridge(InboundRequest in, PayloadRules payload) {
        this.in = in;
        this.client = Codecs.of(in.format());
        this.payload = payload;
    }

    /**
     * Whether the candidate's provider is served without translating the request: the client speaks its format.
     * A non-streaming client of an upstream that only streams still passes through; only the stream flag changes.
     */
    boolean passThrough(ProviderPlugin provider) {
        return provider.nativeFormat() == in.format();
    }

    /**
     * The native request body for {@code c}, before the provider's adapter: translated (or passed through), then
     * edited by the {@code payload} rules that match.
     */
    byte[] nativeBody(Candidate c, boolean upstreamStream) {
        byte[] body = translatedBody(c, upstreamStream);
        return payload.isEmpty() ? body : payload.apply(body, new PayloadTarget(c.upstreamModel(), in.model(),
                c.provider().nativeFormat(), in.format(), in.headers()));
    }

    /**
     * The client's own body with the upstream model, whatever the provider's format (a Responses compaction is sent
     * as the client wrote it).
     */
    byte[] passThroughBody(Candidate c) {
        ModelFieldRewriter rewriter = client.requestModelField();
        return rewriter == null || c.upstreamModel().equals(in.json().path("model").asText()) ? in.body()
                : rewriter.rewrite(in.body(), c.upstreamModel());
    }

    private byte[] translatedBody(Candidate c, boolean upstreamStream) {
        WireFormat target = c.provider().nativeFormat();
        Codec nativeCodec = Codecs.of(target);
        if (passThrough(c.provider())) {
            byte[] body = in.body();
            ModelFieldRewriter rewriter = nativeCodec.requestModelField();
            if (rewriter != null && !c.upstreamModel().equals(in.json().path("model").asText())) {
                body = rewriter.rewrite(body, c.upstreamModel());
            }
            if (upstreamStream != in.stream()) {
                body = nativeCodec.withStreamFlag(body, upstreamStream);
            }
            if (in.thinking() != null) {
                body = nativeCodec.withReasoning(body, in.thinking(), c.upstreamModel());
            }
            return nativeCodec.dropForeignReasoning(body);
        }
        return nativeCodec.encodeRequest(canonical().withModel(c.upstreamModel()).withStream(upstreamStream));
    }

    /** The client request in canonical form (decoded on first use). */
    ChatRequest canonical() {
        if (canonical == null) {
            ChatRequest decoded = client.decodeRequest(in.json());
            canonical = decoded.model() == null ? decoded.withModel(in.model()) : decoded;
            if (in.thinking() != null) {
                canonical = canonical.withReasoning(in.thinking());
            }
        }
        return canonical;
    }

    /**
     * The conversation's opening (system text and first message) in a stable text form, or {@code null} when the
     * request cannot be decoded; the same for every turn of one conversation.
     */
    String opening() {
        ChatRequest r = canonicalOrNull();
        if (r == null) {
            return null;
        }
        return r.systemText() + "\n" + (r.messages().isEmpty() ? "" : r.messages().getFirst().toString());
    }

    /** The context client encoders need. */
    ResponseContext responseContext() {
        ChatRequest request = client.answersEchoRequest() ? canonicalOrNull() : null;
        boolean includeUsage = request != null && request.includeUsage();
        return new ResponseContext(in.model(), in.requestId(), System.currentTimeMillis() / 1000, request,
                includeUsage);
    }

    private ChatRequest canonicalOrNull() {
        try {
            return canonical();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A whole answer in the client's format, and the token usage the upstream reported in it (or {@code null}). */
    record ClientAnswer(byte[] body, Usage usage) {
    }

    /**
     * A whole native response, shown to the client in its format under the model name it asked for. Translated, it
     * is decoded once, for the client's format and the usage alike.
     */
    ClientAnswer clientAnswer(Candidate c, byte[] nativeBody) {
        Codec nativeCodec = Codecs.of(c.provider().nativeFormat());
        if (nativeCodec == client) {
            Usage usage = nativeCodec.usageOf(nativeBody);
            return new ClientAnswer(c.upstreamModel().equals(in.model()) ? nativeBody
                    : nativeCodec.responseModelField().rewrite(nativeBody, in.model()), usage);
        }
        ChatResponse response = nativeCodec.decodeResponse(nativeBody);
        return new ClientAnswer(clientBody(response), response.usage());
    }

    /** A canonical response (assembled from a stream) in the client's format. */
    byte[] clientBody(ChatResponse response) {
        return client.encodeResponse(response.withModel(in.model()), responseContext());
    }

    InboundRequest inbound() {
        return in;
    }

    Codec clientCodec() {
        return client;
    }
}
