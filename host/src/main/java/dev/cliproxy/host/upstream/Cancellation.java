package dev.cliproxy.host.upstream;

/**
 * Tells an executor that the client has gone away. The host's HTTP client already cancels its own calls; plugins
 * that do extra work (token refresh, polling) should check {@link #isCancelled()} between steps.
 */
public interface Cancellation {

    /** A cancellation that never fires. */
    Cancellation NONE = new Cancellation() {
        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void onCancel(Runnable action) {
        }
    };

    /** Whether the client has disconnected. */
    boolean isCancelled();

    /** Runs {@code action} once when the client disconnects (at once if it already has). */
    void onCancel(Runnable action);
}
