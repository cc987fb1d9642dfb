package dev.cliproxy.examples.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.FailureKind;
import dev.cliproxy.api.ModelAlias;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.UpstreamAnswer;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example provider reads its section, describes the upstream call and classifies failures. */
class ExampleProviderTest {

    private final ExampleProvider provider = new ExampleProvider();

    private Credential credential() throws Exception {
        var root = new ObjectMapper().readTree("""
                {"example-provider": [
                  {"base-url": "http://127.0.0.1:9/v1/", "api-key": "k-1",
                   "models": [{"name": "up", "alias": "mine"}]},
                  {"api-key": "no url: skipped"}]}""");
        List<Credential> credentials = provider.credentials(new ProviderConfig(root, List.of(), ""));
        assertEquals(1, credentials.size());
        return credentials.get(0);
    }

    @Test
    void readsOneCredentialPerEntryWithABaseUrl() throws Exception {
        Credential c = credential();
        assertEquals("http://127.0.0.1:9/v1", c.baseUrl());
        assertEquals(List.of(new ModelAlias("up", "mine")), c.models());
    }

    @Test
    void describesAChatCompletionsPostWithTheKey() throws Exception {
        byte[] body = "{\"model\":\"up\"}".getBytes(StandardCharsets.UTF_8);
        UpstreamRequest r = provider.describe(UpstreamCall.builder(credential(), "up", body).secret("k-1")
                .stream(true).build());
        assertEquals("http://127.0.0.1:9/v1/chat/completions", r.url());
        assertEquals("Bearer k-1", r.headers().get("Authorization"));
        assertTrue(r.streaming());
        assertArrayEquals(body, r.body());
    }

    @Test
    void treatsInsufficientQuotaOn400AsQuota() throws Exception {
        UpstreamCall call = UpstreamCall.builder(credential(), "up", new byte[0]).build();
        byte[] quota = "{\"error\":{\"code\":\"insufficient_quota\"}}".getBytes(StandardCharsets.UTF_8);
        assertEquals(FailureKind.QUOTA, provider.classify(call, UpstreamAnswer.of(400, Map.of(), quota)).kind());
        assertEquals(FailureKind.CLIENT, provider.classify(call, UpstreamAnswer.of(400, Map.of(), new byte[0])).kind());
    }
}
