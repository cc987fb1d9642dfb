package dev.cliproxy.formats.codecs;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.Codec;
import dev.cliproxy.formats.claude.ClaudeCodec;
import dev.cliproxy.formats.gemini.GeminiCodec;
import dev.cliproxy.formats.openai.OpenAiChatCodec;
import dev.cliproxy.formats.responses.ResponsesCodec;

/** The codec of each wire format. Codecs are stateless, so one instance each serves every request. */
public final class Codecs {

    private static final Codec OPENAI_CHAT = new OpenAiChatCodec();
    private static final Codec OPENAI_RESPONSES = new ResponsesCodec();
    private static final Codec CLAUDE = new ClaudeCodec();
    private static final Codec GEMINI = new GeminiCodec();

    private Codecs() {
    }

    /** The codec for {@code format}. */
    public static Codec of(WireFormat format) {
        return switch (format) {
            case OPENAI_CHAT -> OPENAI_CHAT;
            case OPENAI_RESPONSES -> OPENAI_RESPONSES;
            case CLAUDE_MESSAGES -> CLAUDE;
            case GEMINI -> GEMINI;
        };
    }
}
