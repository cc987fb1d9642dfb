package dev.cliproxy.host.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Applies the {@code debug} switch to the live log level of our own packages. */
final class LogLevels {

    private LogLevels() {
    }

    static void apply(boolean debug) {
        if (LoggerFactory.getLogger("dev.cliproxy") instanceof Logger logger) {
            logger.setLevel(debug ? Level.DEBUG : Level.INFO);
        }
    }
}
