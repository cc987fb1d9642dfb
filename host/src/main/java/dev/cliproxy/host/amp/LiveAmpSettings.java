package dev.cliproxy.host.amp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.host.state.LiveState;

/**
 * The {@code ampcode} settings of the live config, read again whenever the config is replaced (a file edit, the
 * management API), so every change applies to the next request.
 */
final class LiveAmpSettings {

    private record Snapshot(JsonNode raw, AmpSettings settings) {
    }

    private final LiveState live;
    private volatile Snapshot snapshot;

    LiveAmpSettings(LiveState live) {
        this.live = live;
    }

    AmpSettings current() {
        JsonNode raw = live.config().raw();
        Snapshot s = snapshot;
        if (s == null || s.raw() != raw) {
            s = new Snapshot(raw, AmpSettings.of(raw == null ? null : raw.path("ampcode")));
            snapshot = s;
        }
        return s.settings();
    }
}
