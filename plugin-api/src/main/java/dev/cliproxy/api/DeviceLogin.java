package dev.cliproxy.api;

import java.util.Optional;

/**
 * A device-code login: the host shows the user code and verification URL, then polls at the given interval until
 * the user has approved, the code expires or the session is cancelled. Calls may block on I/O through
 * {@link HostServices#http()}; the host runs them on its own threads.
 */
public interface DeviceLogin {

    /** Asks the provider for a device code. */
    DeviceCode start(ProviderConfig config, HostServices services) throws LoginException;

    /**
     * Polls once: the token file when the user has approved, empty while approval is pending.
     *
     * @throws LoginException when the provider refuses or the code expired
     */
    Optional<TokenFile> poll(DeviceCode code, ProviderConfig config, HostServices services) throws LoginException;
}
