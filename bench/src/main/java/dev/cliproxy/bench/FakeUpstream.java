package dev.cliproxy.bench;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A fake upstream that answers like the real APIs and is fast enough not to be the bottleneck: Undertow handlers on
 * the I/O threads, never blocking. {@code POST /v1/chat/completions} answers as OpenAI, {@code POST /v1/messages} as
 * Anthropic; a body with {@code "stream":true} gets {@link #deltas} text deltas, one every {@link #paceMicros}, each
 * written (and so flushed) on its own. Each delta's text is the {@link System#nanoTime()} at which it was written,
 * so a reader on this machine can tell how long the delta took to reach it.
 */
public final class FakeUpstream implements AutoCloseable {

    /** Text deltas per streamed answer. */
    public static volatile int deltas = 1000;
    /**
     * Microseconds between two deltas (0: back to back). The I/O thread's timer counts whole milliseconds, so a pace
     * is rounded up to one: below that the deltas would go out back to back, a firehose rather than a paced stream.
     */
    public static volatile long paceMicros = 0;

    private static final byte[] STREAM_FLAG = "\"stream\":true".getBytes(StandardCharsets.US_ASCII);
    private final Undertow server;

    public FakeUpstream(int ioThreads) {
        server = Undertow.builder().setIoThreads(ioThreads).setWorkerThreads(1)
                .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, true)
                .addHttpListener(0, "127.0.0.1")
                .setHandler(exchange -> exchange.getRequestReceiver().receiveFullBytes(this::answer))
                .build();
        server.start();
    }

    /**
     * A fake upstream in a process of its own ({@link FakeUpstreamProcess}): {@code args} are the deltas per stream and
     * the microseconds between them. Prints {@code port N} once listening, and stops when its standard input ends.
     */
    public static void main(String[] args) throws IOException {
        deltas = Integer.parseInt(args[0]);
        paceMicros = Long.parseLong(args[1]);
        try (FakeUpstream fake = new FakeUpstream(2)) {
            System.out.println("port " + fake.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the driver closes the pipe
            }
        }
    }

    public int port() {
        return ((InetSocketAddress) server.getListenerInfo().getFirst().getAddress()).getPort();
    }

    private void answer(HttpServerExchange exchange, byte[] body) {
        boolean claude = exchange.getRequestPath().endsWith("/messages");
        if (!exchange.getRequestPath().endsWith("/chat/completions") && !claude) {
            exchange.setStatusCode(404);
            exchange.endExchange();
            return;
        }
        if (contains(body, STREAM_FLAG)) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
            StreamWriter writer = new StreamWriter(exchange, claude ? FakeAnswers.CLAUDE : FakeAnswers.OPENAI, deltas,
                    paceMicros);
            // dispatched: Undertow must not end the exchange when this callback returns between two paced deltas
            exchange.dispatch(SameThreadExecutor.INSTANCE, writer::next);
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(ByteBuffer.wrap(claude ? FakeAnswers.CLAUDE.whole() : FakeAnswers.OPENAI.whole()));
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Writes one stream event by event on the exchange's I/O thread. */
    private static final class StreamWriter implements IoCallback, Runnable {
        private final HttpServerExchange exchange;
        private final FakeAnswers answers;
        private final int deltas;
        private final long pace;
        private int step = -1;

        StreamWriter(HttpServerExchange exchange, FakeAnswers answers, int deltas, long pace) {
            this.exchange = exchange;
            this.answers = answers;
            this.deltas = deltas;
            this.pace = pace;
        }

        void next() {
            step++;
            Sender sender = exchange.getResponseSender();
            if (step == 0) {
                sender.send(ByteBuffer.wrap(answers.streamHead()), this);
            } else if (step <= deltas) {
                sender.send(ByteBuffer.wrap(answers.delta(System.nanoTime())), this);
            } else {
                sender.send(ByteBuffer.wrap(answers.streamTail(deltas)), IoCallback.END_EXCHANGE);
            }
        }

        @Override
        public void onComplete(HttpServerExchange ex, Sender sender) {
            if (pace > 0 && step >= 1 && step < deltas) {
                ex.getIoThread().executeAfter(this, Math.max(1, (pace + 999) / 1000), TimeUnit.MILLISECONDS);
            } else {
                next();
            }
        }

        @Override
        public void run() {
            next();
        }

        @Override
        public void onException(HttpServerExchange ex, Sender sender, IOException e) {
            IoCallback.END_EXCHANGE.onException(ex, sender, e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
