package dev.cliproxy.host.config;

import java.nio.file.Path;

/** Path rules of the config: {@code ~} expansion and the default auth folder. */
public final class ConfigPaths {

    /** Where OAuth token files live unless {@code auth-dir} says otherwise. */
    public static final String DEFAULT_AUTH_DIR = "~/.cli-proxy-api";

    private ConfigPaths() {
    }

    /** Expands a leading {@code ~} to the user's home folder. */
    public static Path expandHome(String path) {
        String home = System.getProperty("user.home");
        if (path.equals("~")) {
            return Path.of(home);
        }
        if (path.startsWith("~/") || path.startsWith("~\\")) {
            return Path.of(home, path.substring(2));
        }
        return Path.of(path);
    }
}
