package dev.cliproxy.host.matrix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The four upstream kinds of the matrix, each a path prefix on the one fake upstream server. */
enum UpstreamKind {
    CLAUDE("claude", "claude-sonnet-4-5-20250929", "sk-ant-matrix-claude-000001"),
    GEMINI("gemini", "gemini-2.5-flash", "AIza-matrix-gemini-000001"),
    CODEX("codex", "gpt-5.5", "sk-matrix-codex-000001"),
    COMPAT("compat", "compat-model", "sk-matrix-compat-000001");

    /** Path prefix on the fake server and transcript name prefix. */
    final String id;
    /** The model clients ask for. */
    final String model;
    /** The upstream key configured for it. */
    final String key;

    UpstreamKind(String id, String model, String key) {
        this.id = id;
        this.model = model;
        this.key = key;
    }

    /** The kind a request path belongs to, or {@code null}. */
    static UpstreamKind forPath(String path) {
        for (UpstreamKind k : values()) {
            if (path.startsWith("/" + k.id + "/")) {
                return k;
            }
        }
        return null;
    }

    /** The text a TEXT answer of this kind carries. */
    String greeting() {
        return "Hello from " + id + "!";
    }

    /** The recorded upstream answer for a scenario ({@code .sse} stream or {@code .json} body). */
    String transcript(Scenario scenario, boolean stream) {
        String name = "/matrix/" + id + "-" + scenario.name().toLowerCase(java.util.Locale.ROOT)
                + (stream ? ".sse" : ".json");
        try (InputStream in = UpstreamKind.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing transcript " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The config section serving this kind from {@code base}. */
    String yaml(String base) {
        return switch (this) {
            case CLAUDE -> "claude-api-key:\n  - api-key: " + key + "\n    base-url: " + base + "/claude\n";
            case GEMINI -> "gemini-api-key:\n  - api-key: " + key + "\n    base-url: " + base + "/gemini\n";
            case CODEX -> "codex-api-key:\n  - api-key: " + key + "\n    base-url: " + base + "/codex/v1\n";
            case COMPAT -> """
                    openai-compatibility:
                      - name: fake
                        base-url: %s/compat/v1
                        api-key-entries:
                          - api-key: %s
                        models:
                          - name: compat-upstream
                            alias: compat-model
                    """.formatted(base, key);
        };
    }

    /**
     * The text stream transcript cut off right after the first piece of answer text: no finish, no terminal event,
     * as when the upstream connection drops mid-answer.
     */
    String cutTranscript() {
        StringBuilder out = new StringBuilder();
        for (String event : transcript(Scenario.TEXT, true).split("\n\n")) {
            out.append(event).append("\n\n");
            if (event.contains("Hello from ")) {
                return out.toString();
            }
        }
        throw new IllegalStateException("no answer text in the " + id + " transcript");
    }
}
