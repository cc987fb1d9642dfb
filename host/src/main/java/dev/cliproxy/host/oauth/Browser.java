package dev.cliproxy.host.oauth;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a URL in the user's browser with the platform's opener; a failure is logged, the URL was printed anyway. */
public final class Browser {

    private static final Logger LOG = LoggerFactory.getLogger(Browser.class);

    private Browser() {
    }

    /** Asks the platform to open {@code url}; returns whether an opener started. */
    public static boolean open(String url) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command = os.contains("win") ? List.of("rundll32", "url.dll,FileProtocolHandler", url)
                : os.contains("mac") ? List.of("open", url) : List.of("xdg-open", url);
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return true;
        } catch (IOException e) {
            LOG.info("Cannot open a browser ({}); open the URL yourself", e.getMessage());
            return false;
        }
    }
}
