package dev.cliproxy.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release bundle, as a user gets it: unpacked, started with its script, probed over HTTP, stopped; and the
 * run-in-place bundle, as the conformance harness finds it.
 */
class BundleIT {

    @TempDir
    Path work;

    @Test
    void unpackedBundleStartsServesAndStopsCleanlyOnSigterm() throws Exception {
        Path home = BundleProcess.unpack(work);
        for (String file : new String[] {"bin/cli-proxy-api", "config.example.yaml", "plugins/plugin-openai-compat.jar",
                "plugins/plugin-claude.jar", "plugins/plugin-gemini.jar", "plugins/plugin-codex.jar"}) {
            assertTrue(Files.exists(home.resolve(file)), "bundle holds " + file);
        }
        assertTrue(Files.isExecutable(home.resolve("bin/cli-proxy-api")));
        try (var lib = Files.list(home.resolve("lib"))) {
            assertTrue(lib.noneMatch(p -> p.getFileName().toString().matches("plugin-(openai-compat|claude|gemini|codex).*")),
                    "plugin jars are loaded from plugins/, never from lib/");
        }

        int port = BundleProcess.freePort();
        Path config = BundleProcess.writeConfig(work, port, "bundle-test-key", """
                openai-compatibility:
                  - name: local
                    base-url: http://127.0.0.1:9/v1
                    models:
                      - name: upstream-model
                        alias: bundle-model
                """);
        Path log = work.resolve("proxy.log");
        Process proxy = BundleProcess.start(home, config, log);
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + port);
            BundleProcess.awaitHealthy(http, base, proxy, log);

            HttpResponse<String> models = http.send(HttpRequest.newBuilder(base.resolve("/v1/models"))
                    .header("Authorization", "Bearer bundle-test-key").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, models.statusCode(), models.body());
            assertTrue(models.body().contains("\"bundle-model\""), models.body());
            assertTrue(Files.readString(log).matches("(?s).*Plugin 'openai-compat' \\S+ loaded from \\S+"
                    + "/plugins/plugin-openai-compat\\.jar: provider\\(s\\) \\[openai-compat].*"),
                    "the provider came from the plugin jar:\n" + Files.readString(log));
        } finally {
            proxy.destroy();
        }
        BundleProcess.assertStoppedCleanly(proxy, log);
    }

    @Test
    void theConformanceHarnessStartsTheBundleTheBuildMakes() throws Exception {
        Path script = Path.of(System.getProperty("conformance.script"));
        Matcher line = Pattern.compile("^PROXY_BIN=\"\\$REPO/([^\"]+)\"$", Pattern.MULTILINE)
                .matcher(Files.readString(script));
        assertTrue(line.find(), script + " names the proxy it starts in one PROXY_BIN=\"$REPO/...\" line");
        Path repo = script.toRealPath().getParent().getParent();
        Path proxy = repo.resolve(line.group(1));
        Path built = Path.of(System.getProperty("bundle.dir")).resolve("bin/cli-proxy-api");
        assertTrue(Files.isExecutable(proxy), script.getFileName() + " starts " + proxy + ", which the build did not"
                + " make; the run-in-place bundle's script is " + built);
        assertEquals(built.toRealPath(), proxy.toRealPath(), "the harness starts the run-in-place bundle");

        Path out = work.resolve("version.out");
        Process version = new ProcessBuilder(proxy.toString(), "--version").redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        assertTrue(version.waitFor(60, TimeUnit.SECONDS), "--version answers");
        assertEquals(0, version.exitValue(), Files.readString(out));
        assertTrue(Files.readString(out).startsWith("cli-proxy-api "), Files.readString(out));
    }
}
