package dev.cliproxy.host.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.testing.ChatFixtures;
import dev.cliproxy.host.testing.KeyedDispatcher;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The control panel in a real headless Chromium against a real proxy (one browser and one proxy for the class):
 * signing in, and the screens that change the proxy, checked in the browser and on the server.
 */
class ControlPanelBrowserTest {

    private static final String MANAGEMENT_KEY = "mgmt-key-0123456789";
    private static final String CLIENT_KEY = "client-key-0123456789";
    private static final String QUOTA = "sk-quota-secret-0000000001";
    private static final String GOOD = "sk-good-secret-00000000002";

    @RegisterExtension
    static final ProxyWithUpstream PROXY = ProxyWithUpstream.withMockWebServer("""
            remote-management:
              secret-key: "%s"
            api-keys: ["%s"]
            routing: {strategy: fill-first}
            openai-compatibility:
              - name: fake
                base-url: {upstream}/v1
                api-key-entries:
                  - api-key: %s
                  - api-key: %s
                models:
                  - name: up-model
                    alias: m
            """.formatted(MANAGEMENT_KEY, CLIENT_KEY, QUOTA, GOOD)).dispatcher(new KeyedDispatcher()
            .on(QUOTA, () -> ChatFixtures.quota(600, "You exceeded your current quota"))
            .on(GOOD, () -> ChatFixtures.ok("fine")));

    private static PanelBrowser browser;

    @BeforeAll
    static void start() {
        browser = PanelBrowser.start(1280, 900);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private static String page() {
        return PROXY.proxy().url("/management.html");
    }

    private static void signIn() {
        browser.signIn(page(), MANAGEMENT_KEY);
        browser.visible(By.cssSelector("#screen-overview[data-loaded='true']"));
    }

    private static String configFile() throws IOException {
        return Files.readString(PROXY.dir().resolve("config.yaml"));
    }

    private static JsonNode management(String path) {
        HttpResponse<String> r = PROXY.get("/v0/management" + path, MANAGEMENT_KEY);
        assertEquals(200, r.statusCode(), r.body());
        return Json.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void signsInWithTheManagementKeyKeptInThisTabsSessionStorageOnly() {
        signIn();

        assertTrue(browser.visible(By.id("nav")).getText().contains("Credentials"));
        assertTrue(browser.driver().findElement(By.id("screen-overview")).getText().contains("Requests"));
        assertEquals(MANAGEMENT_KEY, browser.script("return sessionStorage.getItem('cli-proxy-api.management-key')"));
        assertEquals(0L, browser.script("return localStorage.length"));
        assertFalse(browser.driver().getCurrentUrl().contains(MANAGEMENT_KEY));
    }

    @Test
    void drawsEveryScreenWithoutAScriptErrorOrAPolicyRefusal() {
        signIn();
        browser.consoleErrors();

        for (String screen : List.of("credentials", "sessions", "keys", "providers", "config", "auth-files", "logs",
                "overview")) {
            browser.show(screen);
        }

        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void refusesAWrongKeyAndKeepsNothing() {
        browser.signIn(page(), "not-the-key");

        browser.withText(By.id("sign-in-error"), "Wrong management key.");
        assertFalse(browser.driver().findElement(By.id("shell")).isDisplayed());
        assertEquals(null, browser.script("return sessionStorage.getItem('cli-proxy-api.management-key')"));
    }

    @Test
    void addsAClientKeyThatThenShowsInTheConfigFile() throws IOException {
        signIn();
        browser.show("keys");

        browser.visible(By.id("new-client-key")).sendKeys("sk-added-from-the-panel-42");
        browser.driver().findElement(By.id("add-client-key")).click();
        browser.withText(By.id("client-keys"), "sk-a…l-42");

        browser.show("config");
        browser.until(d -> d.findElement(By.id("config-editor")).getDomProperty("value")
                .contains("sk-added-from-the-panel-42"));
        assertTrue(configFile().contains("sk-added-from-the-panel-42"));
        assertTrue(management("/api-keys").path("api-keys").toString().contains(CLIENT_KEY), "the old key stays");
    }

    @Test
    void resetsACredentialsCooldown() {
        assertEquals(200, PROXY.post("/v1/chat/completions", CLIENT_KEY, ChatFixtures.request("m", false))
                .statusCode(), "answered by the second key after the first hit its quota");
        signIn();

        WebElement table = browser.show("credentials").findElement(By.id("credentials-table"));
        assertTrue(table.getText().contains("cooling"), table.getText());
        browser.clickable(By.cssSelector("#credentials-table button.reset:not([disabled])")).click();

        browser.until(d -> !d.findElement(By.id("credentials-table")).getText().contains("cooling"));
        for (JsonNode c : management("/credentials").path("credentials")) {
            assertEquals("active", c.path("status").asText(), c.toString());
        }
    }

    @Test
    void uploadsAnAuthFile() throws IOException {
        Path file = Files.createTempDirectory("panel-upload").resolve("panel-upload.json");
        Files.writeString(file, "{\"type\":\"panel-test\",\"email\":\"someone@example.com\"}");
        signIn();
        browser.show("auth-files");

        browser.driver().findElement(By.id("auth-file-input")).sendKeys(file.toString());
        browser.driver().findElement(By.id("upload-auth-file")).click();

        browser.withText(By.id("auth-files"), "panel-upload.json");
        assertEquals(Files.readString(file), Files.readString(PROXY.dir().resolve("auth/panel-upload.json")));
    }

    @Test
    void editsAndSavesTheConfigFileAfterCheckingIt() throws IOException {
        signIn();
        browser.show("config");
        WebElement editor = browser.visible(By.id("config-editor"));
        String before = configFile();

        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), "\nbroken: [unclosed\n");
        browser.driver().findElement(By.id("save-config")).click();
        browser.withText(By.id("config-status"), "Not valid YAML: line");
        assertEquals(before, configFile(), "invalid YAML never reaches the server");

        editor.sendKeys(Keys.BACK_SPACE, Keys.chord(Keys.SHIFT, Keys.HOME), Keys.BACK_SPACE, "request-retry: many\n");
        browser.driver().findElement(By.id("save-config")).click();
        browser.withText(By.id("config-status"), "'request-retry' must be an integer");
        assertEquals(before, configFile(), "a config the proxy cannot load is refused");

        editor.sendKeys(Keys.BACK_SPACE, Keys.chord(Keys.SHIFT, Keys.HOME), Keys.BACK_SPACE, "request-retry: 7\n");
        browser.driver().findElement(By.id("save-config")).click();
        browser.withText(By.id("toast"), "Config saved and applied.");
        assertTrue(configFile().endsWith("request-retry: 7\n"), configFile());
        assertEquals(7, management("/request-retry").path("request-retry").asInt());
    }
}
