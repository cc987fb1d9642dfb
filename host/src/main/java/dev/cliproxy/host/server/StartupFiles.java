package dev.cliproxy.host.server;

import dev.cliproxy.host.authfiles.AuthDirectory;
import dev.cliproxy.host.config.AtomicFiles;
import dev.cliproxy.host.config.ConfigFileExposure;
import dev.cliproxy.host.config.ProxyConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What start-up checks on disk before anything is written: the temporary copies of the config and of token files
 * that a crash during a write left behind are removed, a config file holding secrets that others can read is
 * warned about, and {@code auth-dir} is made private (0700).
 */
final class StartupFiles {

    private static final Logger LOG = LoggerFactory.getLogger(StartupFiles.class);

    /** One removal of leftovers, returning the names removed. */
    private interface Removal {
        List<String> run() throws IOException;
    }

    private StartupFiles() {
    }

    static void check(ProxyConfig config) {
        Path file = config.source();
        if (file != null) {
            removeLeftovers(() -> AtomicFiles.removeLeftovers(file), "beside " + file.toAbsolutePath());
            ConfigFileExposure.warnIfReadableByOthers(config);
        }
        Path authDir = config.authDir().toAbsolutePath();
        AuthDirectory.ensurePrivate(authDir);
        removeLeftovers(() -> AtomicFiles.removeLeftovers(authDir, AuthDirectory::isTokenFileName),
                "in auth-dir " + authDir);
    }

    private static void removeLeftovers(Removal removal, String where) {
        try {
            List<String> removed = removal.run();
            if (!removed.isEmpty()) {
                LOG.info("Removed {} temporary file(s) an interrupted write left {}: {}", removed.size(), where,
                        removed);
            }
        } catch (IOException e) {
            LOG.warn("Cannot remove the temporary files of interrupted writes {}: {}", where, e.toString());
        }
    }
}
