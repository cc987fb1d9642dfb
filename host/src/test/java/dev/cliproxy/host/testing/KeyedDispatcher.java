package dev.cliproxy.host.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer dispatcher that answers by upstream key ({@code Authorization: Bearer <key>}) and counts the
 * requests each key received. Behaviour per key can change while a test runs. Thread-safe.
 */
public final class KeyedDispatcher extends Dispatcher {

    private final Map<String, Function<RecordedRequest, MockResponse>> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    /** Answers every request carrying {@code key} with a fresh response from {@code response}. */
    public KeyedDispatcher on(String key, Supplier<MockResponse> response) {
        answers.put(key, r -> response.get());
        return this;
    }

    /** Answers every request carrying {@code key} with {@code response(request)}. */
    public KeyedDispatcher onRequest(String key, Function<RecordedRequest, MockResponse> response) {
        answers.put(key, response);
        return this;
    }

    /** How many requests {@code key} received. */
    public int hits(String key) {
        AtomicInteger n = hits.get(key);
        return n == null ? 0 : n.get();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String auth = request.getHeaders().get("Authorization");
        String key = auth == null ? "" : auth.replaceFirst("^Bearer ", "");
        hits.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        Function<RecordedRequest, MockResponse> f = answers.get(key);
        return f == null ? ChatFixtures.error(404, "unknown key") : f.apply(request);
    }
}
