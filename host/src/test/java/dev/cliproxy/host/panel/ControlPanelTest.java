package dev.cliproxy.host.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.host.testing.TestProxy;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The panel's page and files over HTTP: served from the jar with a strict policy, off when disabled. */
class ControlPanelTest {

    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    private static final String MANAGEMENT = "remote-management:\n  secret-key: \"mgmt-key-0123456789\"\n";

    private TestProxy proxy;

    @AfterEach
    void stop() {
        proxy.close();
    }

    private HttpResponse<String> get(String path, String accept) {
        return proxy.send(proxy.request(path).header("Accept", accept).GET().build());
    }

    @Test
    void servesThePageFromTheJarWithAPolicyThatAllowsOnlyThisOrigin() {
        proxy = TestProxy.start(MANAGEMENT);

        HttpResponse<String> page = get("/management.html", BROWSER_ACCEPT);

        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("default-src 'self'") && csp.contains("script-src 'self'")
                && csp.contains("connect-src 'self'") && !csp.contains("unsafe-inline"), csp);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertTrue(page.body().contains("<script src=\"/panel/app.js\" type=\"module\"></script>"), page.body());
        assertTrue(!page.body().contains("http://") && !page.body().contains("https://"),
                "the page names no other host: " + page.body());
    }

    @Test
    void servesItsScriptsStylesAndTheYamlCheckerFromItsWebJar() {
        proxy = TestProxy.start(MANAGEMENT);

        for (String name : List.of("app.js", "api.js", "panel.css", "icon.svg")) {
            assertEquals(200, get("/panel/" + name, "*/*").statusCode(), name);
        }
        HttpResponse<String> script = get("/panel/app.js", "*/*");
        assertEquals("text/javascript; charset=utf-8", script.headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<String> yaml = get("/panel/" + PanelAssets.JS_YAML, "*/*");
        assertEquals(200, yaml.statusCode());
        assertTrue(yaml.body().contains("jsyaml"), "the js-yaml browser bundle");
    }

    @Test
    void answersNotFoundForAnythingThatIsNotOneOfItsFiles() {
        proxy = TestProxy.start(MANAGEMENT);

        for (String path : List.of("/panel/missing.js", "/panel/..%2Fconfig.yaml", "/panel/app.java",
                "/panel/META-INF", "/panel/")) {
            assertEquals(404, get(path, "*/*").statusCode(), path);
        }
    }

    @Test
    void redirectsABrowserAskingForTheRootToThePanel() {
        proxy = TestProxy.start(MANAGEMENT);

        HttpResponse<String> r = get("/", BROWSER_ACCEPT);

        assertEquals(302, r.statusCode());
        assertEquals("/management.html", r.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void keepsTheJsonAnswerOfTheRootForApiClients() {
        proxy = TestProxy.start(MANAGEMENT);

        for (String accept : List.of("*/*", "application/json", "application/json, text/html", "text/html;q=0.5, */*")) {
            HttpResponse<String> r = get("/", accept);
            assertEquals(200, r.statusCode(), accept);
            assertTrue(r.body().contains("\"CLI Proxy API Server\""), accept + ": " + r.body());
        }
        HttpResponse<String> none = proxy.send(proxy.request("/").GET().build());
        assertEquals(200, none.statusCode());
    }

    @Test
    void isOffWhenDisabledInConfigAndTheRootKeepsItsJsonAnswer() {
        proxy = TestProxy.start(MANAGEMENT + "  disable-control-panel: true\n"
                + "  panel-github-repository: \"https://example.invalid/panel\"\n");

        assertEquals(404, get("/management.html", BROWSER_ACCEPT).statusCode());
        assertEquals(404, get("/panel/app.js", "*/*").statusCode());
        HttpResponse<String> root = get("/", BROWSER_ACCEPT);
        assertEquals(200, root.statusCode());
        assertTrue(root.body().contains("\"CLI Proxy API Server\""), root.body());
    }

    @Test
    void turnsOnAndOffWithALiveConfigReload() {
        proxy = TestProxy.start(MANAGEMENT);
        assertEquals(200, get("/management.html", BROWSER_ACCEPT).statusCode());

        proxy.reload(MANAGEMENT + "  disable-control-panel: true\n");

        assertEquals(404, get("/management.html", BROWSER_ACCEPT).statusCode());
    }
}
