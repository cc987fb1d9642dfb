package dev.cliproxy.host.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.cliproxy.host.config.ProxyConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class BcryptManagementKeyCheckTest {

    private static ProxyConfig withSecret(String secret) {
        return new ProxyConfig("", 0, ProxyConfig.TlsConfig.OFF, java.nio.file.Path.of("."), List.of(), false, "", 0,
                0, false, false, false, new ProxyConfig.RemoteManagement(false, secret, false),
                ProxyConfig.QuotaExceeded.DEFAULT, ProxyConfig.Routing.DEFAULT, ProxyConfig.Streaming.DEFAULT,
                ProxyConfig.Timeouts.DEFAULT, ProxyConfig.Plugins.DEFAULT, null, null);
    }

    @Test
    void verifiesEveryBcryptVariantAndRemembersOnlySuccesses() {
        for (BCrypt.Version v : List.of(BCrypt.Version.VERSION_2A, BCrypt.Version.VERSION_2B, BCrypt.Version.VERSION_2Y)) {
            String hash = BCrypt.with(v).hashToString(4, "s3cret-mgmt".toCharArray());
            BcryptManagementKeyCheck check = new BcryptManagementKeyCheck(() -> withSecret(hash));
            assertTrue(check.matches("s3cret-mgmt"), hash);
            assertTrue(check.matches("s3cret-mgmt"), "cached success");
            assertFalse(check.matches("s3cret-mgmX"));
        }
    }

    @Test
    void comparesAPlaintextSecretNotYetHashed() {
        BcryptManagementKeyCheck check = new BcryptManagementKeyCheck(() -> withSecret("plain-secret"));
        assertTrue(check.matches("plain-secret"));
        assertFalse(check.matches("plain-secreT"));
    }

    @Test
    void matchesNothingWhenNoSecretIsSet() {
        assertFalse(new BcryptManagementKeyCheck(() -> withSecret("")).matches(""));
        assertFalse(new BcryptManagementKeyCheck(() -> withSecret("")).matches("x"));
    }
}
