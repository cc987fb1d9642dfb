package dev.cliproxy.host.plugins;

import dev.cliproxy.host.config.DebouncedWatch;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the plugins folder and, once {@code *.jar} events have been quiet for the debounce interval (a copy
 * writes a jar in several steps), asks the {@link PluginCatalog} to {@link PluginCatalog#sync sync} and rebuild
 * the live state. Runs on one daemon thread ({@link DebouncedWatch}) between {@link #start} and {@link #close}.
 */
public final class PluginFolderWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginFolderWatcher.class);

    /** Quiet time before a change of the folder is acted on. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(500);

    private final PluginCatalog catalog;
    private final Runnable rebuild;
    private final Duration debounce;
    private DebouncedWatch watch;

    /** A watcher of {@code catalog}'s folder that runs {@code rebuild} whenever the catalog changes. */
    public PluginFolderWatcher(PluginCatalog catalog, Runnable rebuild, Duration debounce) {
        this.catalog = catalog;
        this.rebuild = rebuild;
        this.debounce = debounce;
    }

    /** Starts watching; does nothing when the folder does not exist. */
    public void start() throws IOException {
        if (watch != null) {
            return;
        }
        if (!Files.isDirectory(catalog.dir())) {
            LOG.info("Plugins folder {} does not exist: plugin jars are not watched", catalog.dir());
            return;
        }
        WatchService service = FileSystems.getDefault().newWatchService();
        catalog.dir().register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        watch = DebouncedWatch.start("plugin-watcher", service, debounce, PluginFolderWatcher::touchesJars,
                key -> LOG.warn("The plugins folder {} is gone: plugin jars are no longer watched", catalog.dir()),
                () -> catalog.sync(rebuild));
        LOG.info("Watching {} for plugin jars", catalog.dir().toAbsolutePath());
    }

    /** Stops watching and waits for the watcher thread to end. */
    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
    }

    private static boolean touchesJars(WatchKey key) {
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            relevant |= event.kind() == StandardWatchEventKinds.OVERFLOW
                    || event.context().toString().endsWith(".jar");
        }
        return relevant;
    }
}
