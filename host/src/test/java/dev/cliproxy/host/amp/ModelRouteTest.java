package dev.cliproxy.host.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cliproxy.formats.Json;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ModelRouteTest {

    private static final Set<String> SERVED = Set.of("local-a", "local-b");

    record Case(String name, String requested, boolean force, boolean upstream, ModelRoute expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a served model is answered locally", "local-a", false, true,
                        new ModelRoute(ModelRoute.Kind.LOCAL, "local-a")),
                new Case("a served model that is also mapped stays itself without force", "local-b", false, true,
                        new ModelRoute(ModelRoute.Kind.LOCAL, "local-b")),
                new Case("an unserved mapped model goes to its target", "mapped", false, true,
                        new ModelRoute(ModelRoute.Kind.MAPPED, "local-a")),
                new Case("force makes the mapping win over a served model", "local-b", true, true,
                        new ModelRoute(ModelRoute.Kind.MAPPED, "local-a")),
                new Case("a mapping to a model nobody serves is ignored", "dangling", false, true,
                        new ModelRoute(ModelRoute.Kind.AMP_CREDITS, null)),
                new Case("an unknown model goes to Amp", "unknown", false, true,
                        new ModelRoute(ModelRoute.Kind.AMP_CREDITS, null)),
                new Case("without an upstream an unknown model stays local (and gets a 404)", "unknown", false,
                        false, new ModelRoute(ModelRoute.Kind.LOCAL, "unknown")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void decidesWhereAModelCallGoes(Case c) throws Exception {
        AmpSettings settings = AmpSettings.of(Json.MAPPER.readTree("""
                {"upstream-url":"%s","force-model-mappings":%s,"model-mappings":[
                  {"from":"mapped","to":"local-a"},{"from":"local-b","to":"local-a"},
                  {"from":"dangling","to":"nowhere"}]}""".formatted(c.upstream() ? "http://amp.test" : "",
                c.force())));

        assertEquals(c.expected(), ModelRoute.decide(c.requested(), settings, SERVED::contains));
    }
}
