package dev.cliproxy.plugin.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.UpstreamCall;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CodexRequestAdapterTest {

    private static byte[] adapt(byte[] body) {
        UpstreamCall call = UpstreamCall.builder(Credential.builder("c", "codex").secret("k").build(), "gpt-5.5", body)
                .stream(true).build();
        return CodexRequestAdapter.INSTANCE.adapt(call, body);
    }

    private static String adapt(String body) {
        return new String(adapt(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void enforcesTheBackendsBodyRules() {
        String out = adapt("{\"model\":\"gpt-5.5\",\"input\":\"hi\",\"stream\":false,\"store\":true,"
                + "\"max_output_tokens\":100,\"temperature\":0.2,\"top_p\":0.9,\"previous_response_id\":\"resp_1\","
                + "\"prompt_cache_retention\":\"24h\",\"safety_identifier\":\"u\",\"stream_options\":{},"
                + "\"include\":[\"message.output_text.logprobs\"],\"reasoning\":{\"effort\":\"high\"}}");

        assertEquals("{\"model\":\"gpt-5.5\",\"input\":\"hi\",\"stream\":true,\"store\":false,"
                + "\"include\":[\"message.output_text.logprobs\",\"reasoning.encrypted_content\"],"
                + "\"reasoning\":{\"effort\":\"high\"},\"instructions\":\"\"}", out);
    }

    @Test
    void aBodyThatAlreadyFollowsTheRulesIsKeptByteForByte() {
        byte[] body = ("{\"model\":\"gpt-5.5\",\"instructions\":\"Be brief.\",\"input\":[],\"stream\":true,"
                + "\"store\":false,\"include\":[\"reasoning.encrypted_content\"],\"x_unknown\":1.50}")
                .getBytes(StandardCharsets.UTF_8);

        assertSame(body, adapt(body));
    }
}
