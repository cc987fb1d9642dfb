package dev.cliproxy.host.pipeline;

import dev.cliproxy.host.upstream.Cancellation;
import java.io.IOException;
import java.util.Map;
import org.xnio.XnioIoThread;

/** A {@link ClientChannel} that passes every call to another; subclasses watch the calls they override. */
public abstract class ForwardingClientChannel implements ClientChannel {

    private final ClientChannel next;

    protected ForwardingClientChannel(ClientChannel next) {
        this.next = next;
    }

    @Override
    public void sendJson(int status, byte[] body, Map<String, String> headers) {
        next.sendJson(status, body, headers);
    }

    @Override
    public void startStream(String contentType, Map<String, String> headers) {
        next.startStream(contentType, headers);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        next.write(bytes);
    }

    @Override
    public boolean streamStarted() {
        return next.streamStarted();
    }

    @Override
    public boolean backlogged() {
        return next.backlogged();
    }

    @Override
    public void whenDrained(Runnable action) {
        next.whenDrained(action);
    }

    @Override
    public XnioIoThread ioThread() {
        return next.ioThread();
    }

    @Override
    public Cancellation cancellation() {
        return next.cancellation();
    }
}
