package dev.cliproxy.host.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.xnio.XnioIoThread;

/**
 * The second transport, for where {@link UndertowTransport} cannot go: calls through an HTTP or SOCKS5 proxy (with
 * credentials, over TLS). It sends with the blocking {@link OkHttpUpstreamHttp} on a virtual thread per call and
 * hands the answer to the I/O thread in the order it was read. At most {@value #IN_FLIGHT} read buffers wait for
 * the I/O thread per call, and pausing stops the reads, so a slow client holds the upstream back here too.
 */
final class ThreadedTransport implements UpstreamTransport {

    private static final int READ_SIZE = 8192;
    private static final int IN_FLIGHT = 4;

    private final OkHttpUpstreamHttp http;

    ThreadedTransport(OkHttpUpstreamHttp http) {
        this.http = http;
    }

    @Override
    public void send(UpstreamHttpRequest request, XnioIoThread thread, AnswerReceiver receiver) {
        Call call = new Call(request.cancellation(), thread, receiver);
        UpstreamHttpRequest sent = new UpstreamHttpRequest(request.method(), request.url(), request.headers(),
                request.body(), request.proxyUrl(), call);
        Thread.ofVirtual().name("upstream-via-proxy").start(() -> call.run(sent));
    }

    @Override
    public void close() {
        // the connections belong to the OkHttpUpstreamHttp, closed by its owner
    }

    /**
     * One call: read on the virtual thread, delivered on the I/O thread. It is also the call's cancellation as
     * OkHttp sees it: that fires when the client leaves or the receiver aborts, and OkHttp then cancels the call
     * (thread-safe), which ends a read in progress on the virtual thread, the only thread that touches the body.
     */
    private final class Call implements BodyFlow, Cancellation {
        private final Cancellation client;
        private final XnioIoThread thread;
        private final AnswerReceiver receiver;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition resumed = lock.newCondition();
        private final Semaphore credits = new Semaphore(IN_FLIGHT);
        private final List<Runnable> onAbort = new CopyOnWriteArrayList<>();
        private boolean paused;
        private volatile boolean aborted;

        Call(Cancellation client, XnioIoThread thread, AnswerReceiver receiver) {
            this.client = client;
            this.thread = thread;
            this.receiver = receiver;
            client.onCancel(this::resume); // a paused call wakes up to find its read cancelled
        }

        void run(UpstreamHttpRequest request) {
            UpstreamHttpResponse response;
            try {
                response = http.sendUnobserved(request);
            } catch (IOException e) {
                deliver(() -> receiver.failed(e));
                return;
            }
            deliver(() -> receiver.head(response.status(), response.headers(), this));
            try (response; InputStream in = response.body()) {
                while (awaitResumed()) {
                    byte[] buf = new byte[READ_SIZE];
                    int n = in.read(buf);
                    if (n < 0) {
                        deliver(receiver::end);
                        return;
                    }
                    ByteBuffer chunk = ByteBuffer.wrap(buf, 0, n);
                    credits.acquireUninterruptibly();
                    thread.execute(() -> {
                        credits.release();
                        if (!aborted) {
                            receiver.body(chunk);
                        }
                    });
                }
            } catch (IOException e) {
                deliver(() -> receiver.failed(e));
            }
        }

        private void deliver(Runnable onIoThread) {
            thread.execute(() -> {
                if (!aborted) {
                    onIoThread.run();
                }
            });
        }

        /** Waits while paused; false once aborted. A cancelled call goes on, and its next read fails. */
        private boolean awaitResumed() {
            lock.lock();
            try {
                while (paused && !aborted && !client.isCancelled()) {
                    resumed.awaitUninterruptibly();
                }
                return !aborted;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void pause() {
            lock.lock();
            try {
                paused = true;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void resume() {
            lock.lock();
            try {
                paused = false;
                resumed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void abort() {
            aborted = true;
            resume();
            for (Runnable r : onAbort) {
                if (onAbort.remove(r)) {
                    r.run();
                }
            }
        }

        @Override
        public boolean isCancelled() {
            return aborted || client.isCancelled();
        }

        @Override
        public void onCancel(Runnable action) {
            client.onCancel(action);
            onAbort.add(action);
            if (aborted && onAbort.remove(action)) {
                action.run();
            }
        }
    }
}
