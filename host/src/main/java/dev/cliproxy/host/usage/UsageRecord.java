package dev.cliproxy.host.usage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.Operation;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Usage;
import dev.cliproxy.host.pipeline.ExchangeOutcome;
import dev.cliproxy.host.pipeline.InboundRequest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * One request as a usage-queue record, in the anchor's JSON shape: {@code timestamp} (arrival), {@code latency_ms},
 * {@code ttft_ms}, {@code source} (the credential's label), {@code auth_index} (its id), {@code client_ip},
 * {@code x_forwarded_for}, {@code user_agent}, {@code tokens{...}}, {@code failed}, {@code generate},
 * {@code stream}, {@code fail{status_code, body}}, {@code accounting_version}, {@code provider},
 * {@code executor_type}, {@code model}, {@code alias}, {@code endpoint}, {@code auth_type} ({@code api_key} or
 * {@code oauth}), {@code api_key}, {@code request_id}, {@code reasoning_effort}, {@code service_tier}. Unlike the
 * anchor it never carries a secret: {@code api_key} is the client key's stable id, not the key. The pipeline does
 * not tell listeners the client's address, path or upstream model name, so {@code client_ip},
 * {@code reasoning_effort} and {@code service_tier} are empty, {@code endpoint} is the client's wire format
 * ({@code openai}, {@code openai-response}, {@code claude}, {@code gemini}) and {@code model} is the name the client
 * asked for.
 */
final class UsageRecord {

    static final int ACCOUNTING_VERSION = 1;

    private UsageRecord() {
    }

    /** The record of {@code request}, which ended as {@code outcome} at {@code end}, served by {@code credential}. */
    static ObjectNode of(InboundRequest request, ExchangeOutcome outcome, Credential credential, Instant end) {
        long latencyMs = (outcome.endNanos() - outcome.startNanos()) / 1_000_000;
        boolean failed = !outcome.succeeded();
        ObjectNode r = Json.object();
        r.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(end.minusMillis(latencyMs)));
        r.put("latency_ms", latencyMs);
        r.put("ttft_ms", outcome.firstByteNanos() == 0 ? 0
                : (outcome.firstByteNanos() - outcome.startNanos()) / 1_000_000);
        r.put("source", credential == null ? "" : credential.label());
        r.put("auth_index", outcome.credentialId() == null ? "" : outcome.credentialId());
        r.put("client_ip", "");
        r.put("x_forwarded_for", request.headers().getOrDefault("x-forwarded-for", ""));
        r.put("user_agent", request.headers().getOrDefault("user-agent", ""));
        tokens(r.putObject("tokens"), outcome.usage() == null ? Usage.ZERO : outcome.usage());
        r.put("failed", failed);
        r.put("generate", outcome.operation() == Operation.GENERATE);
        r.put("stream", outcome.stream());
        r.putObject("fail").put("status_code", failed ? outcome.status() : 200)
                .put("body", failed && outcome.error() != null ? outcome.error() : "");
        r.put("accounting_version", ACCOUNTING_VERSION);
        r.put("provider", outcome.provider());
        r.put("executor_type", outcome.provider());
        r.put("model", outcome.model());
        r.put("alias", outcome.model());
        r.put("endpoint", outcome.format().id());
        r.put("auth_type", credential != null && credential.kind() == Credential.Kind.OAUTH ? "oauth" : "api_key");
        r.put("api_key", outcome.clientKeyId() == null ? "" : outcome.clientKeyId());
        r.put("request_id", outcome.requestId());
        r.put("reasoning_effort", "");
        r.put("service_tier", "");
        return r;
    }

    private static void tokens(ObjectNode t, Usage u) {
        t.put("input_tokens", u.inputTokens());
        t.put("output_tokens", u.outputTokens());
        t.put("reasoning_tokens", u.reasoningTokens());
        t.put("cached_tokens", u.cachedInputTokens());
        t.put("cache_read_tokens", u.cachedInputTokens());
        t.put("cache_read_tokens_present", true);
        t.put("cache_creation_tokens", u.cacheCreationTokens());
        t.put("total_tokens", u.totalTokens());
    }
}
