package dev.cliproxy.host.applog;

import dev.cliproxy.host.config.ProxyConfig;
import dev.cliproxy.host.requestlog.RequestLogSettings;
import java.nio.file.Path;

/**
 * Where the application log goes, from the config: {@code logging-to-file: true} writes it to rotating files in the
 * logs folder (the request logs' folder, see {@link RequestLogSettings}) instead of stdout, their archives capped by
 * {@code logs-max-total-size-mb} (0: no cap).
 *
 * @param toFile        log to files instead of stdout
 * @param dir           the logs folder
 * @param maxTotalBytes size cap of the archived files, or 0 for none
 */
public record AppLogSettings(boolean toFile, Path dir, long maxTotalBytes) {

    /** The settings of {@code config}. */
    public static AppLogSettings of(ProxyConfig config) {
        RequestLogSettings logs = RequestLogSettings.of(config);
        boolean toFile = config.raw() != null && config.raw().path("logging-to-file").asBoolean(false);
        return new AppLogSettings(toFile, logs.dir(), logs.maxTotalBytes());
    }
}
