package dev.cliproxy.host.management;

import static dev.cliproxy.host.management.ManagementFixture.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** A config change does not disturb the requests already running: they finish on the config they started with. */
class InFlightRequestTest {

    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @StartStop
    private final MockWebServer upstream = new MockWebServer();

    @Test
    void aRequestInFlightFinishesAfterItsProviderAndKeyAreRemoved() throws Exception {
        upstream.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                arrived.countDown();
                release.await(30, TimeUnit.SECONDS);
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                        .body("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"up\","
                                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"done\"},"
                                + "\"finish_reason\":\"stop\"}]}").build();
            }
        });
        try (ManagementFixture m = ManagementFixture.start("""
                api-keys: ["client-key"]
                openai-compatibility:
                  - name: fake
                    base-url: %s
                    api-keys: ["up-key"]
                    models:
                      - name: up
                        alias: my-model
                """.formatted(upstream.url("/v1")))) {
            CompletableFuture<HttpResponse<String>> inFlight = m.proxy().client().sendAsync(
                    m.proxy().request("/v1/chat/completions").header("Authorization", "Bearer client-key")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"my-model\",\"messages\":"
                                    + "[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(arrived.await(10, TimeUnit.SECONDS), "the request reached the upstream");

            assertOk(m.call("PUT", "/openai-compatibility", "[]"));
            assertOk(m.call("PUT", "/api-keys", "[\"another-key\"]"));
            release.countDown();

            HttpResponse<String> r = inFlight.get(30, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"done\""), r.body());
            assertEquals(401, m.proxy().post("/v1/chat/completions", "client-key", "{}").statusCode());
        }
    }
}
