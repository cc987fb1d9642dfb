package dev.cliproxy.host.upstream;

import java.util.List;

/** A cancellation the test fires. */
final class TriggeredCancellation implements Cancellation {
    private final List<Runnable> actions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    void cancel() {
        cancelled = true;
        actions.forEach(Runnable::run);
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void onCancel(Runnable action) {
        actions.add(action);
        if (cancelled) {
            action.run();
        }
    }
}
