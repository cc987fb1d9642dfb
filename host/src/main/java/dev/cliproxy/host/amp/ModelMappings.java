package dev.cliproxy.host.amp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ampcode.model-mappings}: which local model answers a model Amp asks for. Entries without {@code regex}
 * match the whole name, case-insensitively, and are tried first; then entries with {@code regex: true} in their
 * order, each a case-insensitive pattern found anywhere in the name (anchor it with {@code ^...$} to match all of
 * it). An entry with a blank {@code from} or {@code to}, or a pattern that does not compile, is skipped with a
 * warning. Immutable.
 */
final class ModelMappings {

    private static final Logger LOG = LoggerFactory.getLogger(ModelMappings.class);

    static final ModelMappings NONE = new ModelMappings(Map.of(), List.of());

    private record RegexMapping(Pattern from, String to) {
    }

    private final Map<String, String> exact;
    private final List<RegexMapping> regexes;

    private ModelMappings(Map<String, String> exact, List<RegexMapping> regexes) {
        this.exact = exact;
        this.regexes = regexes;
    }

    /** The mappings of a {@code model-mappings} list (anything else is no mappings). */
    static ModelMappings of(JsonNode list) {
        if (list == null || !list.isArray()) {
            return NONE;
        }
        Map<String, String> exact = new HashMap<>();
        List<RegexMapping> regexes = new ArrayList<>();
        for (JsonNode m : list) {
            String from = m.path("from").asText("").trim();
            String to = m.path("to").asText("").trim();
            if (from.isEmpty() || to.isEmpty()) {
                LOG.warn("ampcode.model-mappings: an entry without 'from' or 'to' is skipped");
                continue;
            }
            if (!m.path("regex").asBoolean(false)) {
                exact.putIfAbsent(from.toLowerCase(Locale.ROOT), to);
                continue;
            }
            try {
                regexes.add(new RegexMapping(Pattern.compile(from, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
                        to));
            } catch (PatternSyntaxException e) {
                LOG.warn("ampcode.model-mappings: pattern '{}' does not compile, skipped: {}", from,
                        e.getDescription());
            }
        }
        return new ModelMappings(Map.copyOf(exact), List.copyOf(regexes));
    }

    /** The model {@code requested} maps to, or {@code null} when no entry matches. */
    String target(String requested) {
        String to = exact.get(requested.toLowerCase(Locale.ROOT));
        if (to != null) {
            return to;
        }
        for (RegexMapping r : regexes) {
            if (r.from().matcher(requested).find()) {
                return r.to();
            }
        }
        return null;
    }
}
