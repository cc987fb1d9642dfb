package dev.cliproxy.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the config file, and the one place a config from disk becomes live. Writes are serialised;
 * each one reads the file, edits it as a {@link YamlDocument} (comments and order kept), validates the result
 * with {@link ConfigLoader}, writes it atomically and applies it to {@link LiveConfig}, so the next request sees it
 * without waiting for the {@link ConfigWatcher}. Remembers the SHA-256 of what it applied, so the watcher skips
 * the store's own writes and unchanged files.
 */
public final class ConfigStore {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigStore.class);

    private final LiveConfig live;
    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();
    private String configPrint = "";
    private String authPrint;

    /** A store for the file {@code live}'s config came from (read-only when it came from no file). */
    public ConfigStore(LiveConfig live) {
        this.live = live;
        this.file = live.config().source();
        if (file != null) {
            try {
                configPrint = Fingerprints.of(Files.readAllBytes(file));
            } catch (IOException e) {
                LOG.warn("Cannot read {}: {}", file, e.getMessage());
            }
        }
        this.authPrint = Fingerprints.ofAuthDir(live.config().authDir());
    }

    /**
     * At start-up: when {@code config}'s file holds a plaintext management key, replaces it in the file by its bcrypt
     * hash (comments and order kept) and returns the config with the hash. When the file cannot be written, a
     * warning is logged and the plaintext key stays in use (compared in constant time).
     */
    public static ProxyConfig hashPlaintextKey(ProxyConfig config) {
        return ManagementKeyEdits.hashOnStartup(config);
    }

    /** The live state this store applies to. */
    public LiveConfig live() {
        return live;
    }

    /** The config file, when the config came from one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The config file's current text. */
    public String text() throws IOException {
        if (file == null) {
            throw new NoSuchFileException("config.yaml");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /**
     * Edits the config file: {@code edit} changes the document read from disk (it may throw to abort: nothing is
     * written then); the result is validated, written atomically and applied. A plaintext management key found on
     * disk (a hand edit not reloaded yet) is written back hashed.
     *
     * @throws ConfigException     when the edited config is not valid (nothing written)
     * @throws ConfigSaveException when the file cannot be read, parsed or written (nothing replaced)
     */
    public ProxyConfig update(Consumer<YamlDocument> edit) {
        Path f = requireFile();
        lock.lock();
        try {
            YamlDocument doc;
            try {
                doc = YamlDocument.parse(read(f), f.getFileName().toString());
            } catch (ConfigException e) {
                throw new ConfigSaveException("the config file on disk is not valid: " + e.getMessage(), e);
            }
            edit.accept(doc);
            String text = doc.text();
            ProxyConfig next = ConfigLoader.parse(text, f.getFileName().toString(), f);
            if (!YamlNodes.same(next.raw(), doc.toJson())) {
                throw new ConfigSaveException("the edited YAML does not read back as written");
            }
            Optional<ManagementKeyEdits.Edited> hashed = ManagementKeyEdits.hashPlaintextKey(text, next, f);
            if (hashed.isPresent()) {
                return save(f, hashed.get().text(), hashed.get().config(), "management API");
            }
            return save(f, text, next, "management API");
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replaces the whole config file with {@code text} after validating it. The management key and
     * {@code allow-remote} cannot be changed this way: the current values are kept.
     *
     * @throws ConfigException     when {@code text} is not a valid config (nothing written)
     * @throws ConfigSaveException when the file cannot be written
     */
    public ProxyConfig replace(String text) {
        Path f = requireFile();
        lock.lock();
        try {
            ProxyConfig next = ConfigLoader.parse(text, f.getFileName().toString(), f);
            YamlDocument.parse(text, f.getFileName().toString());
            Optional<ManagementKeyEdits.Edited> kept = ManagementKeyEdits.keepAccess(text, next, live.config(), f);
            if (kept.isPresent()) {
                LOG.warn("The uploaded config changes the management key or allow-remote, which the management API"
                        + " cannot change; the current values are kept");
                return save(f, kept.get().text(), kept.get().config(), "PUT /config.yaml");
            }
            return save(f, text, next, "PUT /config.yaml");
        } finally {
            lock.unlock();
        }
    }

    /**
     * Re-reads the config file and auth-dir (called by the watcher). Unchanged content is skipped; a file that is
     * not a valid config is logged with its line and column and the live config stays as it is.
     */
    public void reloadFromDisk() {
        if (file == null) {
            return;
        }
        lock.lock();
        try {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                LOG.warn("Cannot read {} ({}); the live config stays as it is", file, e.toString());
                return;
            }
            String print = Fingerprints.of(bytes);
            if (!print.equals(configPrint)) {
                configPrint = print;
                try {
                    reloadConfig(bytes);
                } catch (RuntimeException e) {
                    LOG.error("Config reload failed, the last good config stays live: {}", e.toString());
                }
            } else if (!Fingerprints.ofAuthDir(live.config().authDir()).equals(authPrint)) {
                LOG.info("auth-dir changed: reloading the credentials");
                refreshAuthFiles();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Re-reads the credentials of auth-dir into the live state (after a file there was added or removed). */
    public void refreshAuthFiles() {
        lock.lock();
        try {
            ProxyConfig config = live.config();
            live.makeLive(config);
            authPrint = Fingerprints.ofAuthDir(config.authDir());
        } finally {
            lock.unlock();
        }
    }

    private void reloadConfig(byte[] bytes) {
        if (bytes.length == 0) {
            LOG.warn("{} is empty; ignored, the live config stays as it is", file.getFileName());
            return;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        ProxyConfig next;
        try {
            next = ConfigLoader.parse(text, file.getFileName().toString(), file);
            YamlDocument.parse(text, file.getFileName().toString());
        } catch (ConfigException e) {
            LOG.error("Config reload rejected, the last good config stays live: {}", e.getMessage());
            return;
        }
        Optional<ManagementKeyEdits.Edited> hashed = ManagementKeyEdits.hashPlaintextKey(text, next, file);
        if (hashed.isPresent()) {
            LOG.info("The new management key in {} is plaintext: replaced by its bcrypt hash", file.getFileName());
            save(file, hashed.get().text(), hashed.get().config(), "file edit");
        } else {
            apply(next, "file edit");
        }
    }

    private ProxyConfig save(Path f, String text, ProxyConfig next, String why) {
        try {
            write(f, text);
        } catch (IOException e) {
            throw new ConfigSaveException(e.getMessage(), e);
        }
        configPrint = Fingerprints.of(text.getBytes(StandardCharsets.UTF_8));
        return apply(next, why);
    }

    private ProxyConfig apply(ProxyConfig next, String why) {
        ProxyConfig before = live.config();
        live.makeLive(next);
        authPrint = Fingerprints.ofAuthDir(next.authDir());
        LOG.info("Config applied ({}); changed: {}", why, changedKeys(before.raw(), next.raw()));
        if (!before.host().equals(next.host()) || before.port() != next.port() || !before.tls().equals(next.tls())) {
            LOG.warn("host, port and tls changes take effect after a restart");
        }
        return next;
    }

    static void write(Path f, String text) throws IOException {
        AtomicFiles.write(f, text.getBytes(StandardCharsets.UTF_8), null);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigSaveException("cannot read " + f.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private Path requireFile() {
        if (file == null) {
            throw new ConfigSaveException("the server was started without a config file");
        }
        return file;
    }

    /** The top-level keys whose values differ (names only: values may be secrets). */
    private static TreeSet<String> changedKeys(JsonNode before, JsonNode after) {
        TreeSet<String> keys = new TreeSet<>();
        before.fieldNames().forEachRemaining(keys::add);
        after.fieldNames().forEachRemaining(keys::add);
        keys.removeIf(k -> before.has(k) && after.has(k) && YamlNodes.same(before.get(k), after.get(k)));
        return keys;
    }
}
