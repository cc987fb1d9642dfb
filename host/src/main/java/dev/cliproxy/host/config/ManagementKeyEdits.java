package dev.cliproxy.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only edits ever made to the management access keys ({@code remote-management.secret-key} /
 * {@code allow-remote}, or the older flat {@code remote-management-key} / {@code allow-remote-management}):
 * replacing a plaintext key by its bcrypt hash, and keeping them as they are when a whole new file is uploaded.
 */
final class ManagementKeyEdits {

    /** A config text and the config it reads as. */
    record Edited(String text, ProxyConfig config) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ManagementKeyEdits.class);

    private ManagementKeyEdits() {
    }

    /**
     * At start-up: when {@code config}'s file holds a plaintext management key, writes its bcrypt hash in its place
     * and returns the config with the hash; otherwise (or when the file cannot be written) {@code config} itself.
     */
    static ProxyConfig hashOnStartup(ProxyConfig config) {
        Path source = config.source();
        if (source == null) {
            return config;
        }
        try {
            String text = Files.readString(source, StandardCharsets.UTF_8);
            Optional<Edited> hashed = hashPlaintextKey(text, config, source);
            if (hashed.isEmpty()) {
                return config;
            }
            ConfigStore.write(source, hashed.get().text());
            LOG.info("The management key in {} was plaintext: replaced by its bcrypt hash", source.getFileName());
            return hashed.get().config();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot write the hashed management key back to {}: {}", source, e.toString());
            return config;
        }
    }

    /**
     * When {@code config} (read from {@code text}) holds a plaintext management key: the text with the key's bcrypt
     * hash in its place, wherever the key was written; empty when there is nothing to hash.
     */
    static Optional<Edited> hashPlaintextKey(String text, ProxyConfig config, Path file) {
        String secret = config.remoteManagement().secretKey();
        if (secret.isEmpty() || ManagementKeyHash.isHash(secret)) {
            return Optional.empty();
        }
        String name = file.getFileName().toString();
        YamlDocument doc = YamlDocument.parse(text, name);
        JsonNode nested = doc.get("remote-management", "secret-key");
        TextNode hash = TextNode.valueOf(ManagementKeyHash.hash(secret));
        if (!nested.isMissingNode() && !nested.isNull()) {
            doc.set(hash, "remote-management", "secret-key");
        } else {
            doc.set(hash, "remote-management-key");
        }
        String edited = doc.text();
        ProxyConfig hashed = ConfigLoader.parse(edited, name, file);
        if (!hashed.remoteManagement().secretKey().equals(hash.textValue())) {
            throw new IllegalStateException("the hashed management key does not read back from " + name);
        }
        return Optional.of(new Edited(edited, hashed));
    }

    /**
     * {@code candidate} (read from {@code text}) with the management key and {@code allow-remote} of
     * {@code current}, which the management API may not change; empty when they already are the same.
     */
    static Optional<Edited> keepAccess(String text, ProxyConfig candidate, ProxyConfig current, Path file) {
        ProxyConfig.RemoteManagement want = current.remoteManagement();
        ProxyConfig.RemoteManagement got = candidate.remoteManagement();
        if (got.secretKey().equals(want.secretKey()) && got.allowRemote() == want.allowRemote()) {
            return Optional.empty();
        }
        String name = file.getFileName().toString();
        YamlDocument doc = YamlDocument.parse(text, name);
        doc.remove("remote-management-key");
        doc.remove("allow-remote-management");
        doc.set(TextNode.valueOf(want.secretKey()), "remote-management", "secret-key");
        doc.set(BooleanNode.valueOf(want.allowRemote()), "remote-management", "allow-remote");
        String edited = doc.text();
        return Optional.of(new Edited(edited, ConfigLoader.parse(edited, name, file)));
    }
}
