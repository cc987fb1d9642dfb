package dev.cliproxy.api.testing;

import dev.cliproxy.api.http.UpstreamHttp;
import dev.cliproxy.api.http.UpstreamHttpRequest;
import dev.cliproxy.api.http.UpstreamHttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** A tiny {@link UpstreamHttp} on the JDK client, standing in for the host's in plugin tests. */
public final class JdkUpstreamHttp implements UpstreamHttp {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public UpstreamHttpResponse send(UpstreamHttpRequest request) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(request.url())).method(request.method(),
                request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(b::header);
        HttpResponse<InputStream> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new UpstreamHttpResponse() {
            @Override
            public int status() {
                return r.statusCode();
            }

            @Override
            public Map<String, List<String>> headers() {
                return r.headers().map();
            }

            @Override
            public String header(String name) {
                return r.headers().firstValue(name).orElse(null);
            }

            @Override
            public InputStream body() {
                return r.body();
            }

            @Override
            public void close() {
                try {
                    r.body().close();
                } catch (IOException ignored) {
                    // test helper: nothing to release
                }
            }
        };
    }
}
