package dev.cliproxy.host.upstream;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.Headers;

/**
 * An upstream response's headers as the plugin API's multimap, built on first use: most answers are read without
 * anyone looking at their headers, and OkHttp's {@code toMultimap()} copies them all into a sorted map.
 */
final class LazyHeaders extends AbstractMap<String, List<String>> {

    private final Headers headers;
    private Map<String, List<String>> map;

    LazyHeaders(Headers headers) {
        this.headers = headers;
    }

    private Map<String, List<String>> map() {
        if (map == null) {
            map = headers.toMultimap();
        }
        return map;
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
        return map().entrySet();
    }

    @Override
    public List<String> get(Object key) {
        return map().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map().containsKey(key);
    }
}
