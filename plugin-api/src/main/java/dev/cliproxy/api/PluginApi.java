package dev.cliproxy.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this contract. Plugin jars declare the range they were built for in their manifest
 * ({@code Plugin-Requires: >=2.0.0 & <3.0.0}, set by the build from this version); the host refuses a plugin whose
 * range does not include {@link #VERSION}. Semantic versioning: a removed or changed public signature bumps the major
 * version, an addition the minor one.
 */
public final class PluginApi {

    /** This contract's version, e.g. {@code 2.0.0}. */
    public static final String VERSION = readVersion();

    private PluginApi() {
    }

    /** The major version of {@link #VERSION}. */
    public static int major() {
        return Integer.parseInt(VERSION.substring(0, VERSION.indexOf('.')));
    }

    /** The {@code Plugin-Requires} range a plugin built against this contract declares. */
    public static String requiresRange() {
        return ">=" + major() + ".0.0 & <" + (major() + 1) + ".0.0";
    }

    private static String readVersion() {
        try (InputStream in = PluginApi.class.getResourceAsStream("plugin-api.properties")) {
            if (in == null) {
                throw new IllegalStateException("plugin-api.properties missing from the plugin-api jar");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version").trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
