package dev.cliproxy.host.requestlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.host.config.ProxyConfig;
import java.nio.file.Path;

/**
 * What request logging does, from the config: {@code request-log} (every request to a file),
 * {@code logs-max-total-size-mb} (size cap of the logs folder, oldest files deleted first; absent: 1024, 0: no cap),
 * {@code error-logs-max-files} (error files kept while {@code request-log} is off; default 10, 0: no cleanup) and
 * {@code commercial-mode} (no request logging at all). The folder is {@code $WRITABLE_PATH/logs} when that variable
 * is set, else {@code logs} beside the config file, else {@code logs} in the auth dir.
 *
 * @param full          write every request
 * @param errors        write failed requests when {@code full} is off
 * @param dir           the logs folder
 * @param maxTotalBytes size cap of the folder, or 0 for none
 * @param maxErrorFiles error files kept, or 0 for no limit
 */
public record RequestLogSettings(boolean full, boolean errors, Path dir, long maxTotalBytes, int maxErrorFiles) {

    /** The size cap of the logs folder in MB when {@code logs-max-total-size-mb} is absent. */
    public static final long DEFAULT_MAX_TOTAL_MB = 1024;
    /** The error files kept when {@code error-logs-max-files} is absent. */
    public static final int DEFAULT_MAX_ERROR_FILES = 10;

    /** The settings of {@code config}. */
    public static RequestLogSettings of(ProxyConfig config) {
        JsonNode raw = config.raw();
        boolean commercial = raw != null && raw.path("commercial-mode").asBoolean(false);
        long mb = raw == null || !raw.has("logs-max-total-size-mb") ? DEFAULT_MAX_TOTAL_MB
                : Math.max(0, raw.path("logs-max-total-size-mb").asLong(DEFAULT_MAX_TOTAL_MB));
        int files = raw == null ? DEFAULT_MAX_ERROR_FILES : raw.path("error-logs-max-files").asInt(DEFAULT_MAX_ERROR_FILES);
        if (files < 0) {
            files = DEFAULT_MAX_ERROR_FILES;
        }
        return new RequestLogSettings(!commercial && config.requestLog(), !commercial, dir(config), mb * 1024 * 1024,
                files);
    }

    private static Path dir(ProxyConfig config) {
        String writable = System.getenv("WRITABLE_PATH");
        if (writable != null && !writable.isBlank()) {
            return Path.of(writable, "logs");
        }
        if (config.source() != null && config.source().toAbsolutePath().getParent() != null) {
            return config.source().toAbsolutePath().getParent().resolve("logs");
        }
        return config.authDir().resolve("logs");
    }
}
