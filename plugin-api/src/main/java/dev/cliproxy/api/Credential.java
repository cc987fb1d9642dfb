package dev.cliproxy.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One account or key that can serve requests: an API-key entry of the config, or an OAuth token file. The host
 * routes, balances and cools down credentials; the plugin's executor uses them to call upstream.
 *
 * <p>{@link #toString()} never shows the secret; use {@link #maskedSecret()} wherever a human needs a hint of it.
 *
 * @param id             stable, non-secret id (see {@link #stableId}); unique across providers
 * @param provider       the owning {@link ProviderPlugin#id()}
 * @param label          human label: entry name, account e-mail... (never the secret)
 * @param secret         the API key or access token sent upstream; may be empty
 * @param baseUrl        upstream base URL, or empty for the provider default
 * @param proxyUrl       per-credential proxy: empty inherits the global {@code proxy-url}; {@code direct} or
 *                       {@code none} bypasses it; otherwise {@code http://}, {@code https://} or {@code socks5://}
 * @param prefix         model prefix: the credential also serves {@code <prefix>/<model>}; empty for none
 * @param models         configured models (upstream name and client alias); empty means the provider catalogue
 * @param excludedModels model patterns this credential never serves ({@code *} wildcards, case-insensitive)
 * @param weight         relative share under weighted round-robin (default 1)
 * @param priority       higher tiers are preferred while any of their credentials is available (default 0)
 * @param headers        extra headers sent upstream with every call
 * @param attributes     provider-specific values (e.g. the OpenAI-compatible provider name)
 */
public record Credential(
        String id,
        String provider,
        String label,
        String secret,
        String baseUrl,
        String proxyUrl,
        String prefix,
        List<ModelAlias> models,
        List<String> excludedModels,
        int weight,
        int priority,
        Map<String, String> headers,
        Map<String, String> attributes) {

    public Credential {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        label = label == null ? "" : label;
        secret = secret == null ? "" : secret;
        baseUrl = baseUrl == null ? "" : baseUrl;
        proxyUrl = proxyUrl == null ? "" : proxyUrl;
        prefix = prefix == null ? "" : prefix;
        models = models == null ? List.of() : List.copyOf(models);
        excludedModels = excludedModels == null ? List.of() : List.copyOf(excludedModels);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** A minimal credential: just an id, provider, secret and base URL; weight 1, priority 0. */
    public static Credential of(String id, String provider, String secret, String baseUrl) {
        return new Credential(id, provider, "", secret, baseUrl, "", "", List.of(), List.of(), 1, 0, Map.of(), Map.of());
    }

    /** A short masked form of the secret, such as {@code sk-...b780}. */
    public String maskedSecret() {
        return Secrets.mask(secret);
    }

    /** An attribute value, or {@code fallback} when absent. */
    public String attribute(String key, String fallback) {
        return attributes.getOrDefault(key, fallback);
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
        return "Credential[id=" + id + ", provider=" + provider + ", label=" + label + ", secret=" + maskedSecret()
                + ", baseUrl=" + baseUrl + ", prefix=" + prefix + ", models=" + models.size() + "]";
    }
}
