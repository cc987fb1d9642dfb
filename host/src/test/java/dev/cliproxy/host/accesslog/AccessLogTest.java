package dev.cliproxy.host.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cliproxy.host.auth.ClientKeys;
import dev.cliproxy.host.metrics.Await;
import dev.cliproxy.host.metrics.CompatUpstream;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** One structured access line per request, through the real server. */
class AccessLogTest {

    @RegisterExtension
    final ProxyWithUpstream proxy = ProxyWithUpstream.withMockWebServer(CompatUpstream.config(1, ""));

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger access = (Logger) LoggerFactory.getLogger("dev.cliproxy.access");

    @BeforeEach
    void start() {
        lines.start();
        access.addAppender(lines);
    }

    @AfterEach
    void stop() {
        access.detachAppender(lines);
    }

    /** A copy of the lines so far (the appender adds to its list under its own lock, from request threads). */
    private List<String> messages() {
        synchronized (lines) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Test
    void writesOneLineWithIdsStatusTimingsAndTokensHonouringTheClientRequestId() {
        proxy.upstream().enqueue(CompatUpstream.ok());
        HttpResponse<String> r = proxy.send(proxy.request("/v1/chat/completions")
                .header("Authorization", "Bearer " + CompatUpstream.KEY).header("X-Request-Id", "trace-42")
                .POST(HttpRequest.BodyPublishers.ofString(CompatUpstream.CHAT)).build());

        assertEquals(200, r.statusCode());
        assertEquals("trace-42", r.headers().firstValue("X-Request-Id").orElse(""));
        Await.until(this::messages, m -> !m.isEmpty());
        assertEquals(1, messages().size(), messages().toString());
        String line = messages().getFirst();
        for (String field : new String[] {"id=trace-42 ", "client=" + ClientKeys.idOf(CompatUpstream.KEY),
                "format=openai-chat", "model=my-model", "provider=openai-compat", "credential=openai-compat-",
                "status=200", "stream=false", "attempts=1", "duration_ms=", "ttfb_ms=", "upstream_ms=",
                "tokens_in=3", "tokens_out=2", "tokens_cached=0", "tokens_reasoning=0"}) {
            assertTrue(line.contains(field), field + " in " + line);
        }
        assertFalse(line.contains(CompatUpstream.KEY), "never the client key");
        assertFalse(line.contains("up-key-secret"), "never the upstream key");
    }

    @Test
    void quotesAnInventedModelAndNamesTheError() {
        proxy.post("/v1/chat/completions", CompatUpstream.KEY,
                "{\"model\":\"bad model\\nname\",\"messages\":[]}");

        Await.until(this::messages, m -> !m.isEmpty());
        String line = messages().getFirst();
        assertTrue(line.contains("model=\"bad model\\nname\""), line);
        assertTrue(line.contains("status=404"), line);
        assertTrue(line.contains("provider=- credential=-"), line);
        assertTrue(line.contains("error=\"The model"), line);
        assertFalse(line.contains("\n"), "one line");
    }
}
