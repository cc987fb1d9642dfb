package dev.cliproxy.host.upstream;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;

/**
 * Parsed upstream URLs, kept for reuse: OkHttp parses and canonicalises a URL string (IDN mapping of the host
 * included) on every request otherwise, and the URLs are few (each credential's base URL and an endpoint or two,
 * per model for Gemini). Bounded: cleared when it holds {@value #MAX_URLS}.
 */
final class UpstreamUrls {

    private static final int MAX_URLS = 1024;

    private final Map<String, HttpUrl> parsed = new ConcurrentHashMap<>();
    private final Map<String, URI> uris = new ConcurrentHashMap<>();

    /**
     * The parsed form of {@code url}.
     *
     * @throws IllegalArgumentException when it is not an http or https URL
     */
    HttpUrl parse(String url) {
        HttpUrl cached = parsed.get(url);
        if (cached != null) {
            return cached;
        }
        HttpUrl u = HttpUrl.get(url);
        if (parsed.size() >= MAX_URLS) {
            parsed.clear();
        }
        parsed.put(url, u);
        return u;
    }

    /**
     * {@code url} canonicalised as OkHttp sends it (characters that may not appear in a URI escaped), as a
     * {@link URI} for clients other than OkHttp.
     *
     * @throws IllegalArgumentException when it is not an http or https URL
     */
    URI uri(String url) {
        URI cached = uris.get(url);
        if (cached != null) {
            return cached;
        }
        URI u = parse(url).uri();
        if (uris.size() >= MAX_URLS) {
            uris.clear();
        }
        uris.put(url, u);
        return u;
    }
}
