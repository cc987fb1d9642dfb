package dev.cliproxy.host;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP, the Unix way of asking a daemon to re-read its configuration ({@code systemctl reload}, {@code kill -HUP}):
 * runs an action instead of the JVM's default, which would shut the process down. Where the signal does not exist
 * (Windows) or the JVM was told to leave signals alone ({@code -Xrs}), nothing is installed.
 */
final class HangupSignal {

    private static final Logger LOG = LoggerFactory.getLogger(HangupSignal.class);

    private HangupSignal() {
    }

    /** Runs {@code action} on every SIGHUP, on a thread of its own (the JVM starts one per signal). */
    static void onHangup(Runnable action) {
        try {
            Signal.handle(new Signal("HUP"), signal -> {
                LOG.info("SIGHUP: reloading the config file and auth-dir");
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.error("Reload on SIGHUP failed", e);
                }
            });
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.debug("SIGHUP reload not available here: {}", e.toString());
        }
    }
}
