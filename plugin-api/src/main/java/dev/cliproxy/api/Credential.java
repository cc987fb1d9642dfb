package dev.cliproxy.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One account or key that can serve requests: an API-key entry of the config, or an OAuth token file. The host
 * routes, balances and cools down credentials; the plugin describes upstream calls with them. Immutable; built with
 * {@link #builder(String, String)} so that new fields never break a plugin.
 *
 * <p>{@link #toString()} never shows the secret; use {@link #maskedSecret()} wherever a human needs a hint of it.
 */
public final class Credential {

    /** How the credential authenticates upstream; plugins pick the header style from it. */
    public enum Kind {
        /** A static API key from the config. */
        API_KEY,
        /** An OAuth account backed by a token file the host refreshes. */
        OAUTH
    }

    private final String id;
    private final String provider;
    private final Kind kind;
    private final String label;
    private final String secret;
    private final String baseUrl;
    private final String proxyUrl;
    private final String prefix;
    private final List<ModelAlias> models;
    private final List<String> excludedModels;
    private final int weight;
    private final int priority;
    private final Map<String, String> headers;
    private final Map<String, String> attributes;
    private final boolean alwaysStreams;
    private final String authFile;
    private final boolean disabled;

    private Credential(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.provider = Objects.requireNonNull(b.provider, "provider");
        this.kind = b.kind;
        this.label = b.label;
        this.secret = b.secret;
        this.baseUrl = b.baseUrl;
        this.proxyUrl = b.proxyUrl;
        this.prefix = b.prefix;
        this.models = List.copyOf(b.models);
        this.excludedModels = List.copyOf(b.excludedModels);
        this.weight = b.weight;
        this.priority = b.priority;
        this.headers = Map.copyOf(b.headers);
        this.attributes = Map.copyOf(b.attributes);
        this.alwaysStreams = b.alwaysStreams;
        this.authFile = b.authFile;
        this.disabled = b.disabled;
    }

    /** A builder for a credential with a stable, non-secret {@code id} (see {@link #stableId}) of {@code provider}. */
    public static Builder builder(String id, String provider) {
        return new Builder(id, provider);
    }

    /** A builder holding every value of this credential, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(id, provider);
        b.kind = kind;
        b.label = label;
        b.secret = secret;
        b.baseUrl = baseUrl;
        b.proxyUrl = proxyUrl;
        b.prefix = prefix;
        b.models = models;
        b.excludedModels = excludedModels;
        b.weight = weight;
        b.priority = priority;
        b.headers = headers;
        b.attributes = attributes;
        b.alwaysStreams = alwaysStreams;
        b.authFile = authFile;
        b.disabled = disabled;
        return b;
    }

    /** Stable, non-secret id; unique across providers and unchanged across reloads. */
    public String id() {
        return id;
    }

    /** The owning {@link ProviderPlugin#id()}. */
    public String provider() {
        return provider;
    }

    /** API key or OAuth account. */
    public Kind kind() {
        return kind;
    }

    /** Human label: entry position, account e-mail... (never the secret). */
    public String label() {
        return label;
    }

    /**
     * The API key, or the OAuth access token as read from the token file. Describe calls with
     * {@link UpstreamCall#secret()} instead: for OAuth accounts the host puts the live, refreshed token there.
     */
    public String secret() {
        return secret;
    }

    /** Upstream base URL, or empty for the provider default. */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Per-credential proxy: empty inherits the global {@code proxy-url}; {@code direct} or {@code none} bypasses it;
     * otherwise {@code http://}, {@code https://} or {@code socks5://}.
     */
    public String proxyUrl() {
        return proxyUrl;
    }

    /** Model prefix: the credential also serves {@code <prefix>/<model>}; empty for none. */
    public String prefix() {
        return prefix;
    }

    /** Configured models (upstream name and client alias); empty means the provider catalogue. */
    public List<ModelAlias> models() {
        return models;
    }

    /** Model patterns this credential never serves ({@code *} wildcards, case-insensitive). */
    public List<String> excludedModels() {
        return excludedModels;
    }

    /** Relative share under weighted round-robin (default 1). */
    public int weight() {
        return weight;
    }

    /** Higher tiers are preferred while any of their credentials is available (default 0). */
    public int priority() {
        return priority;
    }

    /** Extra headers sent upstream with every call ({@code $name} copies a client header). */
    public Map<String, String> headers() {
        return headers;
    }

    /** Provider-specific values (an OpenAI-compatible provider's name, a cloak mode, an account id...). */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** An attribute value, or {@code fallback} when absent. */
    public String attribute(String key, String fallback) {
        return attributes.getOrDefault(key, fallback);
    }

    /**
     * Whether this credential's upstream must be called in streaming mode even for a non-streaming client (a
     * ChatGPT Codex account); the host then assembles the whole answer from the stream.
     */
    public boolean alwaysStreams() {
        return alwaysStreams;
    }

    /** The name of the token file in {@code auth-dir} behind this credential, or empty for a config entry. */
    public String authFile() {
        return authFile;
    }

    /** Whether the credential is switched off ({@code disabled: true}); the host routes nothing to it. */
    public boolean disabled() {
        return disabled;
    }

    /** A short masked form of the secret, such as {@code sk-...b780}. */
    public String maskedSecret() {
        return Secrets.mask(secret);
    }

    /**
     * A stable id derived from the provider and the given identifying parts (key, base URL, proxy, prefix...): the
     * same entry keeps its id across reloads, and the id reveals nothing of the secret.
     */
    public static String stableId(String provider, String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(provider.getBytes(StandardCharsets.UTF_8));
            for (String part : parts) {
                sha.update((byte) 0);
                sha.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
            }
            return provider + "-" + HexFormat.of().formatHex(sha.digest(), 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "Credential[id=" + id + ", provider=" + provider + ", kind=" + kind + ", label=" + label + ", secret="
                + maskedSecret() + ", baseUrl=" + baseUrl + ", prefix=" + prefix + ", models=" + models.size() + "]";
    }

    /** Builds a {@link Credential}; every field but the id and provider is optional. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private final String provider;
        private Kind kind = Kind.API_KEY;
        private String label = "";
        private String secret = "";
        private String baseUrl = "";
        private String proxyUrl = "";
        private String prefix = "";
        private List<ModelAlias> models = List.of();
        private List<String> excludedModels = List.of();
        private int weight = 1;
        private int priority;
        private Map<String, String> headers = Map.of();
        private Map<String, String> attributes = Map.of();
        private boolean alwaysStreams;
        private String authFile = "";
        private boolean disabled;

        private Builder(String id, String provider) {
            this.id = id;
            this.provider = provider;
        }

        /** API key (default) or OAuth account. */
        public Builder kind(Kind value) {
            this.kind = Objects.requireNonNull(value, "kind");
            return this;
        }

        /** See {@link Credential#label()}. */
        public Builder label(String value) {
            this.label = orEmpty(value);
            return this;
        }

        /** See {@link Credential#secret()}. */
        public Builder secret(String value) {
            this.secret = orEmpty(value);
            return this;
        }

        /** See {@link Credential#baseUrl()}. */
        public Builder baseUrl(String value) {
            this.baseUrl = orEmpty(value);
            return this;
        }

        /** See {@link Credential#proxyUrl()}. */
        public Builder proxyUrl(String value) {
            this.proxyUrl = orEmpty(value);
            return this;
        }

        /** See {@link Credential#prefix()}. */
        public Builder prefix(String value) {
            this.prefix = orEmpty(value);
            return this;
        }

        /** See {@link Credential#models()}. */
        public Builder models(List<ModelAlias> value) {
            this.models = value == null ? List.of() : value;
            return this;
        }

        /** See {@link Credential#excludedModels()}. */
        public Builder excludedModels(List<String> value) {
            this.excludedModels = value == null ? List.of() : value;
            return this;
        }

        /** See {@link Credential#weight()}. */
        public Builder weight(int value) {
            this.weight = value;
            return this;
        }

        /** See {@link Credential#priority()}. */
        public Builder priority(int value) {
            this.priority = value;
            return this;
        }

        /** See {@link Credential#headers()}. */
        public Builder headers(Map<String, String> value) {
            this.headers = value == null ? Map.of() : value;
            return this;
        }

        /** See {@link Credential#attributes()}. */
        public Builder attributes(Map<String, String> value) {
            this.attributes = value == null ? Map.of() : value;
            return this;
        }

        /** Adds one attribute. */
        public Builder attribute(String key, String value) {
            Map<String, String> m = new LinkedHashMap<>(attributes);
            m.put(key, value);
            this.attributes = m;
            return this;
        }

        /** See {@link Credential#alwaysStreams()}. */
        public Builder alwaysStreams(boolean value) {
            this.alwaysStreams = value;
            return this;
        }

        /** See {@link Credential#authFile()}. */
        public Builder authFile(String value) {
            this.authFile = orEmpty(value);
            return this;
        }

        /** See {@link Credential#disabled()}. */
        public Builder disabled(boolean value) {
            this.disabled = value;
            return this;
        }

        /** The credential. */
        public Credential build() {
            return new Credential(this);
        }

        private static String orEmpty(String s) {
            return s == null ? "" : s;
        }
    }
}
