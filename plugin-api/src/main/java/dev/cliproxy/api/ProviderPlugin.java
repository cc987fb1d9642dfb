package dev.cliproxy.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * One kind of upstream (Claude, Gemini, Codex, an OpenAI-compatible endpoint...), contributed by a plugin as a pf4j
 * extension. The host loads every {@code ProviderPlugin} it finds in the plugins folder and on the class path.
 *
 * <p>Lifecycle: the host calls {@link #start(HostServices)} once after loading, then {@link #credentials} on start-up
 * and on every config or auth-file reload, and {@link #executor()} for each upstream call. Implementations must be
 * thread-safe: calls arrive concurrently from many virtual threads. A plugin never sees host classes; everything it
 * needs comes through {@link HostServices} and the arguments.
 */
public interface ProviderPlugin extends ExtensionPoint {

    /** Stable provider id, e.g. {@code "claude"}; used in routing, logs and metric labels. */
    String id();

    /** The format the upstream speaks; requests are translated to it unless the client already speaks it. */
    WireFormat nativeFormat();

    /** Called once before any other call, with the services the host offers. */
    default void start(HostServices services) {
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

    /** Sends native requests upstream. */
    Executor executor();

    /**
     * Provider quirks applied to every native request body before it is sent, whether it was translated or passed
     * through (required fields, header-derived values...). The default leaves the body unchanged.
     */
    default NativeRequestAdapter requestAdapter() {
        return NativeRequestAdapter.IDENTITY;
    }

    /**
     * Whether the upstream must be called in streaming mode even for a non-streaming client (e.g. the ChatGPT Codex
     * backend). The host then assembles the whole response from the stream.
     */
    default boolean alwaysStreamsUpstream() {
        return false;
    }

    /**
     * Upstream models the host may try <em>on the same credential</em> when {@code model} is out of quota there
     * (e.g. Gemini's preview variants of a model, which have their own quota). The host asks only after a quota
     * failure ({@link FailureKind#QUOTA}) and only while {@code quota-exceeded.switch-preview-model} is on; it tries
     * them, in the order given, after every other credential serving the requested model has failed or is cooling
     * down, and cools each of them down on its own. The client keeps seeing the model name it asked for. Must be
     * cheap and must not do I/O. The default offers none.
     *
     * @param credential the credential whose quota for {@code model} is exhausted
     * @param model      the upstream model name that answered with a quota error
     */
    default List<String> quotaFallbackModels(Credential credential, String model) {
        return List.of();
    }
}
