package dev.cliproxy.host.config;

/**
 * The config file could not be changed: it could not be read or written, or what is on disk is not a valid config
 * to edit. Nothing was replaced and the live config is unchanged.
 */
public final class ConfigSaveException extends RuntimeException {

    public ConfigSaveException(String message) {
        super(message);
    }

    public ConfigSaveException(String message, Throwable cause) {
        super(message, cause);
    }
}
