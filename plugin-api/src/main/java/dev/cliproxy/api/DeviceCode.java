package dev.cliproxy.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A device code as the provider issued it.
 *
 * @param userCode        the code the user types
 * @param verificationUrl where the user types it
 * @param interval        how often to poll
 * @param expiresIn       how long the code is valid
 * @param state           provider values the polls need (device id...); opaque to the host, never shown
 */
public record DeviceCode(String userCode, String verificationUrl, Duration interval, Duration expiresIn,
                         Map<String, String> state) {

    public DeviceCode {
        Objects.requireNonNull(userCode, "userCode");
        Objects.requireNonNull(verificationUrl, "verificationUrl");
        interval = interval == null || interval.isNegative() || interval.isZero() ? Duration.ofSeconds(5) : interval;
        expiresIn = expiresIn == null ? Duration.ofMinutes(15) : expiresIn;
        state = state == null ? Map.of() : Map.copyOf(state);
    }

    @Override
    public String toString() {
        return "DeviceCode[userCode=" + userCode + ", verificationUrl=" + verificationUrl + "]";
    }
}
