package dev.cliproxy.host.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cliproxy.host.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ProxyServer#reload()}, what SIGHUP calls: the config file and auth-dir are read again at once. */
class ReloadTest {

    @TempDir
    Path dir;

    private static int status(HttpClient http, ProxyServer server, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/models"))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void appliesAnEditOfASymlinkedConfigThatTheFileWatcherCannotSee() throws Exception {
        // config.yaml is a link into another folder (as a mounted ConfigMap is): the watcher watches the link's
        // folder and never hears of an edit of the file behind it
        Path real = Files.createDirectories(dir.resolve("real")).resolve("config.yaml");
        String config = "host: 127.0.0.1\nport: 0\nauth-dir: " + dir.resolve("auth") + "\napi-keys: [\"%s\"]\n";
        Files.writeString(real, config.formatted("old-key-0123456789"));
        Path link = Files.createSymbolicLink(dir.resolve("config.yaml"), real);
        HttpClient http = HttpClient.newHttpClient();
        try (ProxyServer server = ProxyServer.start(ConfigLoader.load(link), dir.resolve("plugins"))) {
            assertEquals(200, status(http, server, "old-key-0123456789"));
            Files.writeString(real, config.formatted("new-key-0123456789"));

            server.reload();

            assertEquals(200, status(http, server, "new-key-0123456789"));
            assertEquals(401, status(http, server, "old-key-0123456789"));
        }
    }
}
