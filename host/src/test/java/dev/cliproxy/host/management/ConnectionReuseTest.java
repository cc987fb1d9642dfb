package dev.cliproxy.host.management;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A client that keeps its connection open between calls (as a control panel does) is never answered with a closed
 * connection. Idle connections used to be closed the moment a response was sent, and a request racing that close
 * failed with EOF about once in fifty calls.
 */
class ConnectionReuseTest {

    @Test
    void manySequentialCallsOnOneClientAllSucceed() {
        try (ManagementFixture m = ManagementFixture.start("")) {
            for (int i = 0; i < 300; i++) {
                assertEquals(200, m.get("/debug").statusCode());
            }
        }
    }
}
