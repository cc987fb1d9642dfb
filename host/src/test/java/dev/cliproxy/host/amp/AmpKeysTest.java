package dev.cliproxy.host.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cliproxy.formats.Json;
import dev.cliproxy.host.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmpKeysTest {

    @TempDir
    Path home;

    private static AmpSettings settings(String json) throws Exception {
        return AmpSettings.of(Json.MAPPER.readTree(json));
    }

    private void writeSecrets(String key) throws Exception {
        Path file = AmpKeys.secretsFileIn(home);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"" + AmpKeys.SECRETS_FIELD + "\":\"" + key + "\",\"other\":\"x\"}");
    }

    @Test
    void mappedClientKeysGetTheirUpstreamKeyAndOthersTheDefault() throws Exception {
        AmpSettings s = settings("""
                {"upstream-api-key":"amp-default","upstream-api-keys":[
                  {"upstream-api-key":"amp-a","api-keys":["team-a"]},
                  {"upstream-api-key":"amp-b","api-keys":["team-b","team-c"]}]}""");
        AmpKeys keys = new AmpKeys(name -> null, AmpKeys.secretsFileIn(home), MutableClock.startingNow());

        assertEquals("amp-a", keys.forClient(s, "team-a"));
        assertEquals("amp-b", keys.forClient(s, "team-b"));
        assertEquals("amp-b", keys.forClient(s, "team-c"));
        assertEquals("amp-default", keys.forClient(s, "team-d"));
        assertEquals("amp-default", keys.forClient(s, null));
    }

    @Test
    void withoutAConfiguredKeyTheEnvironmentThenAmpsSecretsFileDecide() throws Exception {
        writeSecrets("amp-from-file");
        AmpSettings none = settings("{}");
        Path file = AmpKeys.secretsFileIn(home);

        assertEquals("amp-from-env", new AmpKeys(Map.of("AMP_API_KEY", "amp-from-env")::get, file,
                MutableClock.startingNow()).forClient(none, "c"));
        assertEquals("amp-from-file", new AmpKeys(name -> null, file, MutableClock.startingNow()).forClient(none, "c"));
        assertEquals("amp-config", new AmpKeys(Map.of("AMP_API_KEY", "amp-from-env")::get, file,
                MutableClock.startingNow()).forClient(settings("{\"upstream-api-key\":\"amp-config\"}"), "c"));
    }

    @Test
    void readsTheSecretsFileAgainOnlyAfterFiveMinutes() throws Exception {
        writeSecrets("first");
        MutableClock clock = MutableClock.startingNow();
        AmpKeys keys = new AmpKeys(name -> null, AmpKeys.secretsFileIn(home), clock);
        AmpSettings none = settings("{}");
        assertEquals("first", keys.forClient(none, null));

        writeSecrets("second");
        clock.advance(Duration.ofMinutes(4));
        assertEquals("first", keys.forClient(none, null));
        clock.advance(Duration.ofMinutes(1));
        assertEquals("second", keys.forClient(none, null));
    }

    @Test
    void noKeyAnywhereSendsNone() throws Exception {
        assertNull(new AmpKeys(name -> null, AmpKeys.secretsFileIn(home), MutableClock.startingNow())
                .forClient(settings("{}"), "c"));
    }
}
