package dev.cliproxy.host.config;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that takes the keys of a {@link WatchService} and runs an action once relevant events have been
 * quiet for the debounce interval (editors and copies write a file in several steps). Runs until {@link #close}.
 */
public final class DebouncedWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DebouncedWatch.class);

    private final WatchService service;
    private final Duration debounce;
    private final Predicate<WatchKey> relevant;
    private final Consumer<WatchKey> invalidated;
    private final Runnable action;
    private final Thread thread;

    private DebouncedWatch(String name, WatchService service, Duration debounce, Predicate<WatchKey> relevant,
                           Consumer<WatchKey> invalidated, Runnable action) {
        this.service = service;
        this.debounce = debounce;
        this.relevant = relevant;
        this.invalidated = invalidated;
        this.action = action;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
    }

    /**
     * Starts thread {@code name} on {@code service}: {@code relevant} reads a key's events and says whether they
     * matter; {@code invalidated} hears of a key that is no longer valid (its folder is gone); {@code action} runs
     * on that thread once relevant events have been quiet for {@code debounce}. An exception from {@code action} is
     * logged and the watch goes on.
     */
    public static DebouncedWatch start(String name, WatchService service, Duration debounce,
                                       Predicate<WatchKey> relevant, Consumer<WatchKey> invalidated,
                                       Runnable action) {
        DebouncedWatch watch = new DebouncedWatch(name, service, debounce, relevant, invalidated, action);
        watch.thread.start();
        return watch;
    }

    /** Closes the watch service and waits for the thread to end. */
    @Override
    public void close() {
        try {
            service.close();
            thread.join(Duration.ofSeconds(5));
        } catch (IOException e) {
            LOG.debug("Closing the watch service: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long deadline = 0;
        boolean pending = false;
        try {
            while (true) {
                WatchKey key = pending
                        ? service.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                        : service.take();
                if (key == null) {
                    pending = false;
                    act();
                    continue;
                }
                if (relevant.test(key)) {
                    pending = true;
                    deadline = System.nanoTime() + debounce.toNanos();
                }
                if (!key.reset()) {
                    invalidated.accept(key);
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            LOG.debug("{} stopped", thread.getName());
        }
    }

    private void act() {
        try {
            action.run();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("{} failed to act on a change", thread.getName(), e);
        }
    }
}
