package dev.cliproxy.api.testing;

import dev.cliproxy.api.CredentialStore;
import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.HttpCaller;
import dev.cliproxy.api.TokenFile;
import dev.cliproxy.api.UpstreamAnswer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Host services for plugin tests: a given clock, a simple meter registry, the JDK HTTP client (loopback fakes only)
 * and an in-memory credential store whose saves can be inspected.
 */
public final class TestHostServices implements HostServices {

    /** Sends requests with the JDK client, as the host's client would (whole answers, any status). */
    public static final HttpCaller JDK_HTTP = TestHostServices::sendWithJdk;

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Clock clock;
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final Map<String, TokenFile> files = new ConcurrentHashMap<>();

    public TestHostServices(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public MeterRegistry meterRegistry() {
        return meters;
    }

    @Override
    public HttpCaller http() {
        return JDK_HTTP;
    }

    @Override
    public CredentialStore credentialStore() {
        return new CredentialStore() {
            @Override
            public Optional<TokenFile> load(String name) {
                return Optional.ofNullable(files.get(name));
            }

            @Override
            public void save(TokenFile file) {
                files.put(file.name(), file);
            }
        };
    }

    /** The files saved so far, by name. */
    public Map<String, TokenFile> savedFiles() {
        return Map.copyOf(files);
    }

    private static UpstreamAnswer sendWithJdk(dev.cliproxy.api.UpstreamRequest request) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(request.url()))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(b::header);
        try {
            HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return UpstreamAnswer.of(r.statusCode(), r.headers().map(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
