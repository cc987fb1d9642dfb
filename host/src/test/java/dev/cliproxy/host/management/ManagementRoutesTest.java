package dev.cliproxy.host.management;

import static dev.cliproxy.host.management.ManagementFixture.assertReply;

import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Other features mount their endpoints behind the management key with one line. */
class ManagementRoutesTest {

    @Test
    void anAddedEndpointIsServedBehindTheManagementKey() {
        try (ManagementFixture m = ManagementFixture.start("")) {
            m.proxy().server().management().add(Methods.POST, "/reset-quota", exchange -> {
                String body = new String(exchange.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                Replies.value(exchange, "echo", ManagementFixture.json(body));
            });
            m.proxy().server().management().add(Methods.GET, "/v0/management/usage/{day}", exchange ->
                    Replies.value(exchange, "day", com.fasterxml.jackson.databind.node.TextNode.valueOf(
                            exchange.getQueryParameters().get("day").getFirst())));
            m.proxy().server().management().add(Methods.GET, "/broken", exchange -> {
                throw new IllegalStateException("bug");
            });

            assertReply(200, "{\"echo\":{\"auth_index\":\"a1\"}}", m.call("POST", "/reset-quota",
                    "{\"auth_index\":\"a1\"}"));
            assertReply(200, "{\"day\":\"2026-01-02\"}", m.get("/usage/2026-01-02"));
            assertReply(401, "{\"error\":\"missing management key\"}", m.anonymous("POST", "/reset-quota", "{}"));
            assertReply(500, "{\"error\":\"internal error\"}", m.get("/broken"));
        }
    }
}
