package dev.cliproxy.host.api;

import dev.cliproxy.formats.openai.LegacyCompletions;
import dev.cliproxy.host.pipeline.ClientChannel;
import dev.cliproxy.host.pipeline.ForwardingClientChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The client side of {@code POST /v1/completions}: the pipeline answers in Chat Completions, this channel turns
 * each successful answer, a whole body or one SSE {@code data:} frame at a time, into a legacy text completion.
 * Errors, the {@code [DONE]} marker and keep-alive comments pass unchanged.
 */
final class LegacyCompletionChannel extends ForwardingClientChannel {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    LegacyCompletionChannel(ClientChannel next) {
        super(next);
    }

    @Override
    public void sendJson(int status, byte[] body, Map<String, String> headers) {
        super.sendJson(status, status == 200 ? LegacyCompletions.completion(body) : body, headers);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        super.write(isJsonFrame(bytes) ? frame(LegacyCompletions.completionChunk(
                Arrays.copyOfRange(bytes, DATA.length, bytes.length - END.length))) : bytes);
    }

    private static boolean isJsonFrame(byte[] b) {
        return b.length > DATA.length + END.length && Arrays.equals(b, 0, DATA.length, DATA, 0, DATA.length)
                && b[DATA.length] == '{'
                && Arrays.equals(b, b.length - END.length, b.length, END, 0, END.length);
    }

    private static byte[] frame(byte[] json) {
        byte[] out = new byte[DATA.length + json.length + END.length];
        System.arraycopy(DATA, 0, out, 0, DATA.length);
        System.arraycopy(json, 0, out, DATA.length, json.length);
        System.arraycopy(END, 0, out, DATA.length + json.length, END.length);
        return out;
    }
}
