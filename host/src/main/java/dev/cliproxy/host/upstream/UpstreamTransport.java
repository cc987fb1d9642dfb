package dev.cliproxy.host.upstream;

import org.xnio.XnioIoThread;

/**
 * Sends upstream HTTP requests without blocking any thread: the answer is pushed to an {@link AnswerReceiver} on the
 * XNIO I/O thread that serves the client's exchange, so that reading the upstream, translating and writing to the
 * client happen on one thread with no hand-off. Applies the live config's connect and first-byte timeouts (no read
 * timeout once a body flows), pools connections per upstream origin and I/O thread, and aborts a call when its
 * {@link UpstreamHttpRequest#cancellation()} fires.
 */
public interface UpstreamTransport extends AutoCloseable {

    /**
     * Sends {@code request}; may be called from any thread, never throws for I/O failures (they reach
     * {@link AnswerReceiver#failed}), and calls {@code receiver} only on {@code thread}.
     */
    void send(UpstreamHttpRequest request, XnioIoThread thread, AnswerReceiver receiver);

    /** Closes pooled connections; calls in flight fail. */
    @Override
    void close();
}
