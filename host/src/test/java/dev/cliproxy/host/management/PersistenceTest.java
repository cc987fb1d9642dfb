package dev.cliproxy.host.management;

import static dev.cliproxy.host.management.ManagementFixture.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.host.config.ConfigLoader;
import dev.cliproxy.host.config.ProxyConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What management writes leave in the config file. */
class PersistenceTest {

    private static final String COMMENTED = """
            # Client keys, one per team
            api-keys:
              - "team-a" # team A
              - "team-b" # team B

            # Verbose logs
            debug: false # keep off in production

            # What to do when an account runs out of quota
            quota-exceeded:
              switch-project: true # try another project
              switch-preview-model: true

            claude-api-key:
              # the main account
              - api-key: "sk-ant-main"
              # the backup account
              - api-key: "sk-ant-backup"

            an-unknown-key: [kept, as, written]
            # the end
            """;

    @Test
    void patchesKeepTheCommentsOrderAndUnknownKeysOfTheFile() {
        try (ManagementFixture m = ManagementFixture.start(COMMENTED)) {
            String before = m.configText();
            assertOk(m.call("PATCH", "/api-keys", "{\"old\":\"team-b\",\"new\":\"team-b2\"}"));
            assertOk(m.call("PATCH", "/debug", "{\"value\":true}"));
            assertOk(m.call("PATCH", "/quota-exceeded/switch-project", "{\"value\":false}"));
            assertOk(m.call("PATCH", "/claude-api-key",
                    "{\"match\":\"sk-ant-backup\",\"value\":{\"base-url\":\"https://backup.example\"}}"));

            String expected = before
                    .replace("\"team-b\" # team B", "\"team-b2\" # team B")
                    .replace("debug: false # keep off", "debug: true # keep off")
                    .replace("switch-project: true # try", "switch-project: false # try")
                    .replace("  - api-key: \"sk-ant-backup\"\n",
                            "  - api-key: \"sk-ant-backup\"\n    base-url: \"https://backup.example\"\n");
            assertEquals(expected, m.configText());
            assertTrue(expected.startsWith("host: 127.0.0.1\n"), "the file starts with the test's own keys");
        }
    }

    @Test
    void concurrentPatchesAllLandAndTheFileIsNeverHalfWritten() throws Exception {
        try (ManagementFixture m = ManagementFixture.start(COMMENTED)) {
            List<String> initial = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                initial.add("\"k-" + i + "\"");
            }
            assertOk(m.call("PUT", "/api-keys", "[" + String.join(",", initial) + "]"));

            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger reads = new AtomicInteger();
            List<String> partial = new CopyOnWriteArrayList<>();
            Thread reader = Thread.ofPlatform().start(() -> {
                while (writing.get()) {
                    try {
                        String seen = Files.readString(m.configFile());
                        if (ConfigLoader.parse(seen, "config.yaml", null).apiKeys().size() < 100) {
                            partial.add(seen);
                        }
                        reads.incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        partial.add(e.toString());
                    }
                    LockSupport.parkNanos(1_000_000);
                }
            });
            List<Future<HttpResponse<String>>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < 200; i++) {
                    String body = i % 2 == 0
                            ? "{\"index\":" + (i / 2) + ",\"value\":\"patched-" + i / 2 + "\"}"
                            : "{\"old\":\"not-there-" + i + "\",\"new\":\"added-" + i + "\"}";
                    results.add(pool.submit(() -> m.call("PATCH", "/api-keys", body)));
                }
                for (Future<HttpResponse<String>> r : results) {
                    assertOk(r.get());
                }
            }
            writing.set(false);
            reader.join();
            assertTrue(reads.get() > 0);
            assertEquals(List.of(), partial, "a reader never sees a half-written file");

            ProxyConfig onDisk = ConfigLoader.load(m.configFile());
            Set<String> expected = new HashSet<>();
            Stream.iterate(0, i -> i + 1).limit(100).forEach(i -> expected.add("patched-" + i));
            Stream.iterate(1, i -> i + 2).limit(100).forEach(i -> expected.add("added-" + i));
            assertEquals(expected, new HashSet<>(onDisk.apiKeys()));
            assertEquals(200, onDisk.apiKeys().size());
            assertEquals(onDisk.raw(), m.proxy().server().live().config().raw(), "the live config is the file");
            JsonNode api = ManagementFixture.json(m.get("/api-keys").body()).get("api-keys");
            assertEquals(200, api.size());
            String text = Files.readString(m.configFile());
            assertTrue(text.contains("# Client keys, one per team\napi-keys:\n") && text.endsWith("# the end\n"), text);
            try (var files = Files.list(m.proxy().dir())) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
            }
        }
    }
}
