package dev.cliproxy.host.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.xnio.XnioIoThread;

/** Records the callbacks of one answer and checks that each ran on the I/O thread. */
final class RecordingReceiver implements AnswerReceiver {
    private final XnioIoThread thread;
    private final Consumer<RecordingReceiver> onBody;
    private final CountDownLatch terminal = new CountDownLatch(1);
    final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    volatile int status;
    volatile Map<String, List<String>> headers;
    volatile BodyFlow flow;
    volatile int bodyCalls;
    volatile int terminals;
    volatile boolean ended;
    volatile IOException error;
    volatile boolean resumed;
    volatile String wrongThread;

    RecordingReceiver(XnioIoThread thread, Consumer<RecordingReceiver> onBody) {
        this.thread = thread;
        this.onBody = onBody;
    }

    private void onIoThread(String callback) {
        if (Thread.currentThread() != thread) {
            wrongThread = callback + " on " + Thread.currentThread().getName();
        }
    }

    @Override
    public void head(int status, Map<String, List<String>> headers, BodyFlow flow) {
        onIoThread("head");
        this.status = status;
        this.headers = headers;
        this.flow = flow;
    }

    @Override
    public void body(java.nio.ByteBuffer bytes) {
        onIoThread("body");
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        synchronized (body) {
            body.writeBytes(copy);
        }
        bodyCalls++;
        onBody.accept(this);
    }

    @Override
    public void end() {
        onIoThread("end");
        ended = true;
        terminals++;
        terminal.countDown();
    }

    @Override
    public void failed(IOException e) {
        onIoThread("failed");
        error = e;
        terminals++;
        terminal.countDown();
    }

    RecordingReceiver awaitEnd() throws InterruptedException {
        assertTrue(terminal.await(10, TimeUnit.SECONDS), "no terminal callback");
        if (error != null) {
            throw new AssertionError("failed instead of ending", error);
        }
        assertCallbacksOnIoThread();
        return this;
    }

    RecordingReceiver awaitFailure() throws InterruptedException {
        assertTrue(terminal.await(10, TimeUnit.SECONDS), "no terminal callback");
        assertFalse(ended, "ended instead of failing");
        assertCallbacksOnIoThread();
        return this;
    }

    void assertOneTerminal() {
        assertEquals(1, terminals);
    }

    void assertCallbacksOnIoThread() {
        assertEquals(null, wrongThread);
        assertOneTerminal();
    }

    byte[] bytes() {
        synchronized (body) {
            return body.toByteArray();
        }
    }

    String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }
}
