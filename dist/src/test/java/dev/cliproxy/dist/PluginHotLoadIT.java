package dev.cliproxy.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example provider plugin (examples/example-provider, built on its own against plugin-api only) copied into a
 * running bundle's plugins/: loaded without a restart, it serves its model through a fake upstream; removed, its
 * model is gone. A copy rewritten for another plugin-api major version is listed as incompatible.
 */
class PluginHotLoadIT {

    private static final String CLIENT_KEY = "hot-load-client-key";
    private static final String MANAGEMENT_KEY = "hot-load-management-key";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String COMPLETION = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,"
            + "\"model\":\"up-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"hello from the example upstream\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();
    private URI base;

    @Test
    void aCopiedPluginJarServesItsModelUntilItIsRemoved() throws Exception {
        Path exampleJar = Path.of(System.getProperty("example.plugin.jar"));
        assertTrue(Files.isRegularFile(exampleJar), "example plugin built: " + exampleJar);
        Path home = BundleProcess.unpack(work);
        HttpServer upstream = fakeUpstream();
        int port = BundleProcess.freePort();
        Path config = BundleProcess.writeConfig(work, port, CLIENT_KEY, """
                remote-management:
                  secret-key: "%s"
                example-provider:
                  - base-url: http://127.0.0.1:%d/v1
                    api-key: example-upstream-key
                    models:
                      - name: up-model
                        alias: example-model
                """.formatted(MANAGEMENT_KEY, upstream.getAddress().getPort()));
        Path log = work.resolve("proxy.log");
        Process proxy = BundleProcess.start(home, config, log);
        try {
            base = URI.create("http://127.0.0.1:" + port);
            BundleProcess.awaitHealthy(http, base, proxy, log);
            assertEquals(404, chat().statusCode(), "no provider serves example-model yet");

            Path installed = home.resolve("plugins/example-provider.jar");
            Files.copy(exampleJar, installed);
            assertTrue(BundleProcess.eventually(WAIT, () -> get("/v1/models", CLIENT_KEY).contains("example-model")),
                    "the jar is loaded without a restart:\n" + Files.readString(log));
            HttpResponse<String> answer = chat();
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("hello from the example upstream"), answer.body());
            String plugins = get("/v0/management/plugins", MANAGEMENT_KEY);
            assertTrue(plugins.contains("{\"id\":\"example-provider\",\"version\":\"1.0.0\",\"providers\":"
                    + "[\"example-provider\"],\"state\":\"started\",\"jar\":\"" + installed + "\"}"), plugins);

            rewriteForPluginApi1(exampleJar, home.resolve("plugins/example-old.jar"));
            assertTrue(BundleProcess.eventually(WAIT, () -> get("/v0/management/plugins", MANAGEMENT_KEY)
                    .contains("\"id\":\"example-old\"")), "the incompatible jar is listed");
            plugins = get("/v0/management/plugins", MANAGEMENT_KEY);
            assertTrue(plugins.contains("\"state\":\"incompatible\",\"jar\":\""
                    + home.resolve("plugins/example-old.jar") + "\",\"reason\":\"it was built for plugin-api >=1.0.0"
                    + " & <2.0.0 but this host provides 2."), plugins);

            Files.delete(installed);
            assertTrue(BundleProcess.eventually(WAIT, () -> !get("/v1/models", CLIENT_KEY).contains("example-model")),
                    "the model is gone once the jar is removed");
            HttpResponse<String> gone = chat();
            assertEquals(404, gone.statusCode(), gone.body());
            assertTrue(gone.body().contains("model_not_found"), gone.body());
        } finally {
            proxy.destroy();
            upstream.stop(0);
        }
        BundleProcess.assertStoppedCleanly(proxy, log);
    }

    private static HttpServer fakeUpstream() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean keyed = "Bearer example-upstream-key".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = keyed ? COMPLETION.getBytes(StandardCharsets.UTF_8)
                    : "{\"error\":{\"message\":\"bad key\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(keyed ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private HttpResponse<String> chat() throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                .header("Authorization", "Bearer " + CLIENT_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"example-model\",\"messages\":"
                        + "[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path, String key) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + key)
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A copy of {@code jar} whose manifest says plugin {@code example-old}, built for plugin-api 1.x. */
    private static void rewriteForPluginApi1(Path jar, Path target) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (JarFile in = new JarFile(jar.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Plugin-Id", "example-old");
            manifest.getMainAttributes().putValue("Plugin-Requires", ">=1.0.0 & <2.0.0");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(partial), manifest)) {
                for (JarEntry e : Collections.list(in.entries())) {
                    if (e.getName().equals(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(e.getName()));
                    try (var data = in.getInputStream(e)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        Files.move(partial, target);
    }
}
