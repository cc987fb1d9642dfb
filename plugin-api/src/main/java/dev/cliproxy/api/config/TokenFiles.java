package dev.cliproxy.api.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.TokenFile;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The fields every token file shares, read the same way for every OAuth provider: expiry and last refresh (under
 * the names the Go anchor accepts), the refresh lead time ({@code refresh_interval_seconds} overrides it) and the
 * user's routing fields ({@code disabled}, {@code prefix}, {@code proxy_url}, {@code priority}, {@code weight},
 * {@code excluded_models}, {@code headers}, {@code email} as label).
 */
public final class TokenFiles {

    private static final String[] EXPIRY = {"expired", "expire", "expires_at", "expiresAt", "expiry", "expires"};
    private static final String[] LAST_REFRESH = {"last_refresh", "lastRefresh", "last_refreshed_at",
        "lastRefreshedAt"};

    private TokenFiles() {
    }

    /** When the access token expires, or {@code null} when the file does not say (RFC 3339 or epoch seconds/ms). */
    public static Instant expiry(JsonNode content) {
        return firstInstant(content, EXPIRY);
    }

    /** When the file was last refreshed, or {@code null}. */
    public static Instant lastRefresh(JsonNode content) {
        return firstInstant(content, LAST_REFRESH);
    }

    /**
     * When to refresh {@code file}: {@code last_refresh + refresh_interval_seconds} when the file sets an interval,
     * else its expiry minus {@code lead}; {@code null} when it has no refresh token or no expiry.
     */
    public static Instant refreshAt(TokenFile file, Duration lead) {
        JsonNode c = file.content();
        if (c.path("refresh_token").asText("").isEmpty()) {
            return null;
        }
        long interval = c.path("refresh_interval_seconds").asLong(0);
        Instant last = lastRefresh(c);
        if (interval > 0 && last != null) {
            return last.plusSeconds(interval);
        }
        Instant expiry = expiry(c);
        return expiry == null ? null : expiry.minus(lead);
    }

    /** {@code instant} as the files write it: RFC 3339 in UTC, whole seconds. */
    public static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * A credential of {@code provider} for {@code file}: {@link Credential.Kind#OAUTH}, id derived from the file
     * name, the access token as secret, and the user's routing fields. The plugin adds its own (base URL,
     * attributes...).
     */
    public static Credential.Builder credential(String provider, ProviderConfig.AuthFile file) {
        JsonNode c = file.content();
        String email = EntryFields.text(c, "email");
        return Credential.builder(Credential.stableId(provider, "file", file.name()), provider)
                .kind(Credential.Kind.OAUTH)
                .authFile(file.name())
                .label(email.isEmpty() ? file.name() : email)
                .secret(EntryFields.text(c, "access_token"))
                .disabled(c.path("disabled").asBoolean(false))
                .prefix(EntryFields.text(c, "prefix"))
                .proxyUrl(EntryFields.text(c, "proxy_url"))
                .priority(c.path("priority").asInt(0))
                .weight(c.has("weight") ? c.path("weight").asInt(1) : 1)
                .excludedModels(EntryFields.strings(c.has("excluded_models") ? c.path("excluded_models")
                        : c.path("excluded-models")))
                .headers(EntryFields.headers(c.path("headers")));
    }

    private static Instant firstInstant(JsonNode content, String[] names) {
        for (String name : names) {
            JsonNode v = content.get(name);
            if (v == null || v.isNull()) {
                continue;
            }
            Instant at = instant(v);
            if (at != null) {
                return at;
            }
        }
        return null;
    }

    private static Instant instant(JsonNode v) {
        if (v.isNumber() || v.isTextual() && v.asText().matches("\\d+")) {
            long n = v.asLong();
            return n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
        }
        try {
            return java.time.OffsetDateTime.parse(v.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
