package dev.cliproxy.host.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the config file's folder and {@code auth-dir} and asks the {@link ConfigStore} to reload once events
 * have been quiet for the debounce interval (editors write a file in several steps). The store skips content it
 * has already applied, so the store's own writes cost one hash. Runs on one daemon thread ({@link DebouncedWatch})
 * between {@link #start} and {@link #close}.
 */
public final class ConfigWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    /** The Go anchor's debounce. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(150);

    private final ConfigStore store;
    private final Duration debounce;
    private WatchService service;
    private DebouncedWatch watch;
    private Path configDir;
    private Path authDir;
    private WatchKey authKey;

    public ConfigWatcher(ConfigStore store, Duration debounce) {
        this.store = store;
        this.debounce = debounce;
    }

    /** Starts watching; does nothing when the config came from no file. */
    public void start() throws IOException {
        Path file = store.file().orElse(null);
        if (file == null || watch != null) {
            return;
        }
        service = FileSystems.getDefault().newWatchService();
        configDir = file.toAbsolutePath().getParent();
        configDir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        watchAuthDir();
        String configName = file.getFileName().toString();
        watch = DebouncedWatch.start("config-watcher", service, debounce, key -> relevant(key, configName),
                key -> {
                    if (key == authKey) {
                        authDir = null;
                    }
                }, this::reload);
        LOG.info("Watching {} and {} for changes", file, authDir);
    }

    /** Stops watching and waits for the watcher thread to end. */
    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
    }

    private boolean relevant(WatchKey key, String configName) {
        Path dir = (Path) key.watchable();
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                relevant = true;
                continue;
            }
            String name = event.context().toString();
            relevant |= dir.equals(configDir) && name.equals(configName)
                    || dir.equals(authDir) && name.endsWith(".json");
        }
        return relevant;
    }

    private void reload() {
        store.reloadFromDisk();
        watchAuthDir();
    }

    /** (Re-)registers auth-dir when the live config names another folder. */
    private void watchAuthDir() {
        Path wanted = store.live().config().authDir().toAbsolutePath();
        if (wanted.equals(authDir)) {
            return;
        }
        if (authKey != null) {
            authKey.cancel();
        }
        authDir = wanted;
        authKey = null;
        if (wanted.equals(configDir) || !Files.isDirectory(wanted)) {
            return;
        }
        try {
            authKey = wanted.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            LOG.warn("Cannot watch auth-dir {}: {}", wanted, e.getMessage());
        }
    }
}
