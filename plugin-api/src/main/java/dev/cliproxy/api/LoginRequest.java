package dev.cliproxy.api;

import java.util.Map;
import java.util.Objects;

/**
 * One login session as the host started it: the {@code state} it checks on the callback, the PKCE verifier and its
 * S256 challenge, the redirect URI, the live config and the options the user gave (e.g. {@code project_id}).
 * Built by the host; plugin tests use {@link #builder}.
 */
public final class LoginRequest {

    private final String state;
    private final String codeVerifier;
    private final String codeChallenge;
    private final String redirectUri;
    private final ProviderConfig config;
    private final Map<String, String> options;

    private LoginRequest(Builder b) {
        this.state = b.state;
        this.codeVerifier = b.codeVerifier;
        this.codeChallenge = b.codeChallenge;
        this.redirectUri = b.redirectUri;
        this.config = b.config;
        this.options = Map.copyOf(b.options);
    }

    /** A builder for a session with {@code state}, PKCE pair and {@code redirectUri} under {@code config}. */
    public static Builder builder(String state, String codeVerifier, String codeChallenge, String redirectUri,
                                  ProviderConfig config) {
        return new Builder(state, codeVerifier, codeChallenge, redirectUri, config);
    }

    /** The OAuth {@code state}. */
    public String state() {
        return state;
    }

    /** The PKCE code verifier (secret: never log it). */
    public String codeVerifier() {
        return codeVerifier;
    }

    /** The PKCE S256 code challenge of {@link #codeVerifier()}. */
    public String codeChallenge() {
        return codeChallenge;
    }

    /** The redirect URI registered with the provider. */
    public String redirectUri() {
        return redirectUri;
    }

    /** The live configuration (the provider's {@code oauth.<id>} section holds its URLs). */
    public ProviderConfig config() {
        return config;
    }

    /** Options of this login ({@code project_id}...). */
    public Map<String, String> options() {
        return options;
    }

    /** An option, or {@code fallback}. */
    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    @Override
    public String toString() {
        return "LoginRequest[state=" + state + ", redirectUri=" + redirectUri + "]";
    }

    /** Builds a {@link LoginRequest}. Not thread-safe. */
    public static final class Builder {
        private final String state;
        private final String codeVerifier;
        private final String codeChallenge;
        private final String redirectUri;
        private final ProviderConfig config;
        private Map<String, String> options = Map.of();

        private Builder(String state, String codeVerifier, String codeChallenge, String redirectUri,
                        ProviderConfig config) {
            this.state = Objects.requireNonNull(state, "state");
            this.codeVerifier = Objects.requireNonNull(codeVerifier, "codeVerifier");
            this.codeChallenge = Objects.requireNonNull(codeChallenge, "codeChallenge");
            this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
            this.config = Objects.requireNonNull(config, "config");
        }

        /** See {@link LoginRequest#options()}. */
        public Builder options(Map<String, String> value) {
            this.options = value == null ? Map.of() : value;
            return this;
        }

        /** The request. */
        public LoginRequest build() {
            return new LoginRequest(this);
        }
    }
}
