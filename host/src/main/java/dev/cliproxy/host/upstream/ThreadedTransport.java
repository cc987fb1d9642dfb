package dev.cliproxy.host.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
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
        Thread.ofVirtual().name("upstream-via-proxy").start(() -> new Call(thread, receiver).run(request));
    }

    @Override
    public void close() {
        // the connections belong to the OkHttpUpstreamHttp, closed by its owner
    }

    /** One call: read on the virtual thread, delivered on the I/O thread. */
    private final class Call implements BodyFlow {
        private final XnioIoThread thread;
        private final AnswerReceiver receiver;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition resumed = lock.newCondition();
        private final Semaphore credits = new Semaphore(IN_FLIGHT);
        private boolean paused;
        private volatile boolean aborted;
        private volatile UpstreamHttpResponse response;

        Call(XnioIoThread thread, AnswerReceiver receiver) {
            this.thread = thread;
            this.receiver = receiver;
        }

        void run(UpstreamHttpRequest request) {
            try {
                response = http.sendUnobserved(request);
            } catch (IOException e) {
                deliver(() -> receiver.failed(e));
                return;
            }
            UpstreamHttpResponse r = response;
            deliver(() -> receiver.head(r.status(), r.headers(), this));
            try (InputStream in = r.body()) {
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
            } finally {
                r.close();
            }
        }

        private void deliver(Runnable onIoThread) {
            thread.execute(() -> {
                if (!aborted) {
                    onIoThread.run();
                }
            });
        }

        /** Waits while paused; false once aborted. */
        private boolean awaitResumed() {
            lock.lock();
            try {
                while (paused && !aborted) {
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
            UpstreamHttpResponse r = response;
            if (r != null) {
                r.close();
            }
        }
    }
}
