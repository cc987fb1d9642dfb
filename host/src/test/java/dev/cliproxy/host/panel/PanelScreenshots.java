package dev.cliproxy.host.panel;

import dev.cliproxy.host.testing.TestProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.openqa.selenium.By;

/**
 * Takes the README's screenshots of the control panel: a real proxy with fake Claude, Gemini and OpenAI-compatible
 * upstreams, some traffic through it (a few failures, one credential at its quota), 13 earlier days of usage
 * imported through {@code POST /v0/management/usage/import}, then each main screen in headless Chromium, wide and
 * phone-sized. Run from the repository root:
 * <pre>
 * ./mvnw -q -pl host -am install -DskipTests
 * ./mvnw -q -pl host exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.cliproxy.host.panel.PanelScreenshots -Dexec.args=docs
 * </pre>
 */
public final class PanelScreenshots {

    private static final String MANAGEMENT_KEY = "panel-demo-management-key";
    private static final String[] CLIENT_KEYS = {"sk-team-alpha-7Hq2vX9kLm3pR8sT", "sk-team-beta-Zc4nW1yB6fJ0dQ5u"};
    private static final String QUOTA_KEY = "sk-ant-api03-quota-exhausted-0001";
    private static final Random RANDOM = new Random(13);

    private PanelScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs").toAbsolutePath();
        Files.createDirectories(out);
        try (MockWebServer upstream = new MockWebServer()) {
            upstream.setDispatcher(new FakeUpstreams());
            upstream.start();
            String base = upstream.url("/").toString().replaceAll("/$", "");
            try (TestProxy proxy = TestProxy.start(config(base))) {
                traffic(proxy);
                history(proxy);
                authFiles(proxy);
                shoot(proxy, out);
            }
        }
    }

    private static String config(String base) {
        return """
                # Demo configuration for the control panel screenshots.
                remote-management:
                  secret-key: "%s"
                api-keys:
                  - "%s"
                  - "%s"
                request-retry: 2
                routing:
                  strategy: round-robin
                claude-api-key:
                  - api-key: "%s"
                    base-url: "%s"
                    models: [{name: claude-sonnet-4-5, alias: claude-sonnet-4-5}]
                  - api-key: "sk-ant-api03-healthy-key-00000002"
                    base-url: "%s"
                    models: [{name: claude-sonnet-4-5, alias: claude-sonnet-4-5}]
                gemini-api-key:
                  - api-key: "AIzaSyDemoKey-00000000000000000003"
                    base-url: "%s"
                    models: [{name: gemini-2.5-pro, alias: gemini-2.5-pro}]
                openai-compatibility:
                  - name: openrouter
                    base-url: "%s/v1"
                    api-key-entries:
                      - api-key: "sk-or-v1-demo-000000000000000004"
                      - api-key: "sk-or-v1-demo-000000000000000005"
                    models:
                      - name: moonshotai/kimi-k2
                        alias: kimi-k2
                      - name: qwen/qwen3-coder
                        alias: qwen3-coder
                """.formatted(MANAGEMENT_KEY, CLIENT_KEYS[0], CLIENT_KEYS[1], QUOTA_KEY, base, base, base, base);
    }

    /** Requests from both client keys to every model, a few at a time. */
    private static void traffic(TestProxy proxy) throws InterruptedException {
        List<String> models = List.of("claude-sonnet-4-5", "claude-sonnet-4-5", "gemini-2.5-pro", "kimi-k2",
                "kimi-k2", "qwen3-coder");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        for (int i = 0; i < 72; i++) {
            String model = models.get(i % models.size());
            String key = CLIENT_KEYS[i % 3 == 0 ? 1 : 0];
            pool.submit(() -> proxy.post("/v1/chat/completions", key, """
                    {"model":"%s","messages":[{"role":"user","content":"Summarise the release notes."}]}"""
                    .formatted(model)));
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
    }

    /** Usage of the 13 days before today, as an earlier export would bring back (days, hours and totals). */
    private static void history(TestProxy proxy) {
        StringBuilder days = new StringBuilder();
        long[] sum = new long[5];
        for (int d = 13; d >= 1; d--) {
            long requests = 300 + RANDOM.nextInt(900) + (d % 7 < 2 ? -250 : 0);
            long[] c = {requests, requests / (12 + RANDOM.nextInt(30)), requests * (900 + RANDOM.nextInt(600)),
                    requests * (250 + RANDOM.nextInt(300)), requests * (700 + RANDOM.nextInt(500))};
            for (int i = 0; i < sum.length; i++) {
                sum[i] += c[i];
            }
            days.append(days.isEmpty() ? "" : ",").append('"').append(LocalDate.now().minusDays(d)).append("\":")
                    .append(counts(c));
        }
        StringBuilder hours = new StringBuilder();
        StringBuilder hourTokens = new StringBuilder();
        for (int h = 0; h < 24; h++) {
            double shape = Math.max(0.08, Math.sin(Math.PI * (h - 6) / 16.0));
            long requests = Math.round(sum[0] / 14.0 * shape);
            hours.append(h == 0 ? "" : ",").append("\"%02d\":%d".formatted(h, requests));
            hourTokens.append(h == 0 ? "" : ",").append("\"%02d\":%d".formatted(h, requests * 1500));
        }
        String totals = counts(sum);
        proxy.post("/v0/management/usage/import", MANAGEMENT_KEY, "{\"usage\":" + totals.substring(0, totals.length() - 1)
                + ",\"days\":{" + days + "},\"requests_by_hour\":{" + hours + "},\"tokens_by_hour\":{" + hourTokens
                + "}}}");
    }

    /** Counters in the usage export's shape: requests, failed, input, output tokens, summed latency. */
    private static String counts(long[] c) {
        return """
                {"total_requests":%d,"success_count":%d,"failure_count":%d,"input_tokens":%d,"output_tokens":%d,\
                "total_latency_ms":%d}""".formatted(c[0], c[0] - c[1], c[1], c[2], c[3], c[4]);
    }

    private static void authFiles(TestProxy proxy) {
        for (String name : List.of("claude-dev@example.com.json", "codex-1a2b3c4d-ops@example.com-plus.json")) {
            proxy.send(proxy.request("/v0/management/auth-files?name=" + name)
                    .header("Authorization", "Bearer " + MANAGEMENT_KEY)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"type\":\"example\",\"email\":\"" + name.replace(".json", "") + "\"}"))
                    .build());
        }
    }

    private static void shoot(TestProxy proxy, Path out) {
        String page = proxy.url("/management.html");
        try (PanelBrowser browser = PanelBrowser.start(1280, 800)) {
            browser.openFresh(page);
            browser.visible(By.id("management-key"));
            save(browser, out.resolve("panel-sign-in.png"), 1280, 560, false);
            browser.signIn(page, MANAGEMENT_KEY);
            browser.visible(By.cssSelector("#screen-overview[data-loaded='true']"));
            save(browser, out.resolve("panel-overview.png"), 1280, 0, false);
            for (String screen : List.of("credentials", "keys", "providers", "config", "auth-files")) {
                browser.show(screen);
                if (screen.equals("providers")) {
                    browser.clickable(By.xpath("//button[text()='Edit']")).click();
                    browser.visible(By.id("entry-editor"));
                }
                save(browser, out.resolve("panel-" + screen + ".png"), 1280, screen.equals("config") ? 900 : 0, false);
            }
            browser.show("overview");
            save(browser, out.resolve("panel-phone-overview.png"), 390, 844, true);
            browser.show("credentials");
            save(browser, out.resolve("panel-phone-credentials.png"), 390, 844, true);
        }
    }

    /** Saves the page at {@code width}, as tall as its content (or {@code height} when not 0). */
    private static void save(PanelBrowser browser, Path file, int width, int height, boolean phone) {
        browser.viewport(width, height > 0 ? height : 800, phone);
        if (height == 0) {
            long page = (Long) browser.script("return document.documentElement.scrollHeight");
            browser.viewport(width, (int) Math.min(3000, page), phone);
        }
        try {
            Files.write(file, browser.screenshot());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Claude, Gemini and OpenAI-compatible answers, slow or failing now and then; one Claude key is out of quota. */
    private static final class FakeUpstreams extends Dispatcher {

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getTarget();
            long delay = 120 + RANDOM.nextInt(900);
            int tokensIn = 400 + RANDOM.nextInt(2400);
            int tokensOut = 80 + RANDOM.nextInt(900);
            if (QUOTA_KEY.equals(request.getHeaders().get("x-api-key"))) {
                return json(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                        + "\"message\":\"This request would exceed your account's rate limit\"}}", 0)
                        .newBuilder().addHeader("retry-after", "1800").build();
            }
            if (RANDOM.nextInt(30) == 0) {
                return json(500, "{\"error\":{\"message\":\"upstream overloaded\"}}", delay);
            }
            if (path.startsWith("/v1/messages")) {
                return json(200, """
                        {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                         "content":[{"type":"text","text":"Here is the summary."}],"stop_reason":"end_turn",
                         "usage":{"input_tokens":%d,"output_tokens":%d}}""".formatted(tokensIn, tokensOut), delay);
            }
            if (path.startsWith("/v1beta/")) {
                return json(200, """
                        {"candidates":[{"content":{"role":"model","parts":[{"text":"Here is the summary."}]},
                         "finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":%d,"candidatesTokenCount":%d,
                         "totalTokenCount":%d}}""".formatted(tokensIn, tokensOut, tokensIn + tokensOut), delay);
            }
            return json(200, """
                    {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m",
                     "choices":[{"index":0,"message":{"role":"assistant","content":"Here is the summary."},
                     "finish_reason":"stop"}],"usage":{"prompt_tokens":%d,"completion_tokens":%d,
                     "total_tokens":%d}}""".formatted(tokensIn, tokensOut, tokensIn + tokensOut), delay);
        }

        private static MockResponse json(int code, String body, long delayMillis) {
            return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body)
                    .headersDelay(delayMillis, TimeUnit.MILLISECONDS).build();
        }
    }
}
