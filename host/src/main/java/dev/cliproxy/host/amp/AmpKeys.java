package dev.cliproxy.host.amp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Amp key a request carries upstream. A client key listed in {@code upstream-api-keys} gets its mapped key;
 * every other caller the default: {@code upstream-api-key}, else the environment variable {@code AMP_API_KEY}, else
 * the field {@value #SECRETS_FIELD} of Amp's own {@code ~/.local/share/amp/secrets.json} (read at most once every
 * five minutes). Thread-safe.
 */
final class AmpKeys {

    private static final Logger LOG = LoggerFactory.getLogger(AmpKeys.class);
    static final String SECRETS_FIELD = "apiKey@https://ampcode.com/";
    private static final Duration FILE_CACHE = Duration.ofMinutes(5);

    private record FileKey(String key, Instant readAt) {
    }

    private final UnaryOperator<String> env;
    private final Path secretsFile;
    private final Clock clock;
    private volatile FileKey fileKey;

    /**
     * @param env         the process environment ({@code System::getenv})
     * @param secretsFile Amp's secrets file
     * @param clock       for the file cache
     */
    AmpKeys(UnaryOperator<String> env, Path secretsFile, Clock clock) {
        this.env = env;
        this.secretsFile = secretsFile;
        this.clock = clock;
    }

    /** Amp's secrets file under {@code home}. */
    static Path secretsFileIn(Path home) {
        return home.resolve(".local").resolve("share").resolve("amp").resolve("secrets.json");
    }

    /** The key for a caller that presented {@code clientKey} ({@code null}: none), or {@code null} when none is set. */
    String forClient(AmpSettings settings, String clientKey) {
        String mapped = clientKey == null ? null : settings.upstreamKeyByClientKey().get(clientKey);
        return mapped != null ? mapped : fallback(settings);
    }

    private String fallback(AmpSettings settings) {
        if (!settings.upstreamApiKey().isEmpty()) {
            return settings.upstreamApiKey();
        }
        String fromEnv = env.apply("AMP_API_KEY");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        FileKey cached = fileKey;
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cached.readAt().plus(FILE_CACHE))) {
            cached = new FileKey(readSecretsFile(), now);
            fileKey = cached;
        }
        return cached.key();
    }

    private String readSecretsFile() {
        try {
            JsonNode secrets = Json.parse(Files.readAllBytes(secretsFile));
            String key = secrets.path(SECRETS_FIELD).asText("").trim();
            return key.isEmpty() ? null : key;
        } catch (NoSuchFileException missing) {
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot read the Amp key from {}: {}", secretsFile, e.getClass().getSimpleName());
            return null;
        }
    }
}
