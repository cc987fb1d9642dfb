package dev.cliproxy.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up warning for a config file that holds secrets (client keys, provider keys, the management key, a
 * proxy password...) and that other users of the machine can read.
 */
public final class ConfigFileExposure {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFileExposure.class);

    /** Keys whose values are secrets, at any depth: {@code api-keys}, {@code claude-api-key}, {@code secret-key}... */
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(.*-)?(api-keys?|secret-key|remote-management-key|secret|password|token)|authorization|cookie",
            Pattern.CASE_INSENSITIVE);
    /** A URL with a password in it: {@code scheme://user:password@host}. */
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/@\\s]*:[^/@\\s]*@.*");

    private ConfigFileExposure() {
    }

    /**
     * Logs a warning naming {@code config}'s file and the fix when the file holds secrets and its group or others
     * may read it. Silent for a config from no file, and where the file system has no POSIX permissions.
     */
    public static void warnIfReadableByOthers(ProxyConfig config) {
        Path file = config.source();
        if (file == null) {
            return;
        }
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        String readers = readers(perms);
        TreeSet<String> keys = keysHoldingSecrets(config.raw());
        if (!readers.isEmpty() && !keys.isEmpty()) {
            LOG.warn("{} holds secrets ({}) and can be read by {} (mode {}): make it private with `chmod 600 {}`",
                    file.toAbsolutePath(), String.join(", ", keys), readers, PosixFilePermissions.toString(perms),
                    file.toAbsolutePath());
        }
    }

    /** The top-level keys of {@code raw} under which a secret is written (names only, never values). */
    static TreeSet<String> keysHoldingSecrets(JsonNode raw) {
        TreeSet<String> keys = new TreeSet<>();
        for (Map.Entry<String, JsonNode> field : raw.properties()) {
            if (holdsSecret(field.getKey(), field.getValue())) {
                keys.add(field.getKey());
            }
        }
        return keys;
    }

    private static boolean holdsSecret(String key, JsonNode value) {
        if (SECRET_KEY.matcher(key).matches() && hasText(value)) {
            return true;
        }
        if (value.isTextual()) {
            return URL_WITH_PASSWORD.matcher(value.textValue()).matches();
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            if (holdsSecret(field.getKey(), field.getValue())) {
                return true;
            }
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (holdsSecret(key, element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasText(JsonNode value) {
        if (value.isTextual()) {
            return !value.textValue().isBlank();
        }
        for (JsonNode child : value) {
            if (hasText(child)) {
                return true;
            }
        }
        return false;
    }

    /** Who besides the owner may read a file with {@code perms}: "its group", "all users", both, or "" (nobody). */
    private static String readers(Set<PosixFilePermission> perms) {
        List<String> who = new ArrayList<>();
        if (perms.contains(PosixFilePermission.GROUP_READ)) {
            who.add("its group");
        }
        if (perms.contains(PosixFilePermission.OTHERS_READ)) {
            who.add("all users");
        }
        return String.join(" and ", who);
    }
}
