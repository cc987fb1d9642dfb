package dev.cliproxy.api;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * One kind of upstream (Claude, Gemini, Codex, an OpenAI-compatible endpoint...), contributed by a plugin as a pf4j
 * extension. The host loads every {@code ProviderPlugin} it finds in the plugins folder and on the class path.
 *
 * <p><b>Plugins describe, the host sends.</b> For each upstream attempt the host calls {@link #describe} (pure: the
 * URL, headers and body to send) and sends the request itself, with the credential's proxy, timeouts, request
 * logging, retries, cancellation and token injection in one place. A non-2xx answer goes to {@link #classify}
 * (pure: how to cool the credential down); a 2xx answer is read by the host in the plugin's {@link #nativeFormat()},
 * after {@link #answerAdapter} when the upstream wraps it.
 *
 * <p>Lifecycle: {@link #start} once after loading, then {@link #credentials} on start-up and on every config or
 * auth-file reload, {@link #describe}/{@link #classify} for each attempt, and {@link #stop} before the plugin is
 * unloaded. Implementations must be thread-safe. A plugin never sees host classes.
 */
public interface ProviderPlugin extends ExtensionPoint {

    /** Stable provider id, e.g. {@code "claude"}; used in routing, logs and metric labels. */
    String id();

    /** The format the upstream speaks; requests are translated to it unless the client already speaks it. */
    WireFormat nativeFormat();

    /** Called once before any other call, with the services the host offers. */
    default void start(HostServices services) {
    }

    /** Called once when the host shuts down or unloads the plugin; release what {@link #start} took. */
    default void stop() {
    }

    /**
     * Reads this provider's credentials from its config sections and from the auth files it recognises. Called on
     * every reload; must not perform network I/O. Invalid entries are skipped (and may be logged, never with secrets).
     */
    List<Credential> credentials(ProviderConfig config);

    /**
     * The built-in model catalogue served by a credential whose {@link Credential#models()} list is empty. An empty
     * result means such a credential serves no model.
     */
    default List<ModelInfo> defaultModels(Credential credential) {
        return List.of();
    }

    /**
     * Whether this provider can do {@code operation} with {@code credential}. When it cannot count tokens, the host
     * estimates the count itself; a compaction it cannot do is answered 501. The default supports generating and
     * counting, not {@link Operation#COMPACT}.
     */
    default boolean supports(Operation operation, Credential credential) {
        return operation != Operation.COMPACT;
    }

    /**
     * The HTTP request for {@code call}: pure, no I/O. The body is the native request (translated or passed
     * through, already carrying the upstream model); the plugin applies its quirks (required fields, headers, URL)
     * and puts {@link UpstreamCall#secret()} where its upstream expects it.
     */
    UpstreamRequest describe(UpstreamCall call);

    /**
     * How to treat a non-2xx {@code answer} to {@code call}: pure, no I/O. The default is the status rule
     * ({@link UpstreamFailure#byStatus}); plugins override it to read a provider's own reset headers or error codes.
     */
    default UpstreamFailure classify(UpstreamCall call, UpstreamAnswer answer) {
        return UpstreamFailure.byStatus(answer, Clock.systemUTC()).build();
    }

    /** Unwraps the 2xx answers of {@code credential}'s upstream; the default changes nothing. */
    default AnswerAdapter answerAdapter(Credential credential) {
        return AnswerAdapter.NONE;
    }

    /**
     * Upstream models the host may try <em>on the same credential</em> when {@code model} is out of quota there
     * (e.g. Gemini's preview variants of a model, which have their own quota). The host asks only after a quota
     * failure ({@link FailureKind#QUOTA}) and only while {@code quota-exceeded.switch-preview-model} is on; it tries
     * them, in the order given, after every other credential serving the requested model has failed or is cooling
     * down, and cools each of them down on its own. The client keeps seeing the model name it asked for. Must be
     * cheap and must not do I/O. The default offers none.
     */
    default List<String> quotaFallbackModels(Credential credential, String model) {
        return List.of();
    }

    /** The OAuth login and refresh of this provider's accounts, when it has any. */
    default Optional<AccountLogin> login() {
        return Optional.empty();
    }
}
