package dev.cliproxy.host.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.CredentialStore;
import dev.cliproxy.api.TokenFile;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The token files as the host edits them: every read-modify-write of one file (a refresh, a management edit, a
 * login) holds that file's lock, so no edit is lost to a concurrent one; writes go through the
 * {@link CredentialStore} (atomic, 0600, credentials live at once).
 */
public final class AccountFiles {

    /** A change of a token file. */
    @FunctionalInterface
    public interface Edit {
        void apply(ObjectNode content) throws IOException;
    }

    private final CredentialStore store;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public AccountFiles(CredentialStore store) {
        this.store = store;
    }

    /** The store behind these files. */
    public CredentialStore store() {
        return store;
    }

    /** The file {@code name}, when it exists. */
    public Optional<TokenFile> load(String name) {
        return store.load(name);
    }

    /**
     * Applies {@code edit} to the current content of file {@code name} and saves it, under the file's lock;
     * false when there is no such file.
     */
    public boolean edit(String name, Edit edit) throws IOException {
        ReentrantLock lock = lock(name);
        lock.lock();
        try {
            Optional<TokenFile> file = store.load(name);
            if (file.isEmpty()) {
                return false;
            }
            ObjectNode content = file.get().content();
            edit.apply(content);
            store.save(file.get().withContent(content));
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Saves a new or replaced file (a login) under its lock. */
    public void save(TokenFile file) throws IOException {
        ReentrantLock lock = lock(file.name());
        lock.lock();
        try {
            store.save(file);
        } finally {
            lock.unlock();
        }
    }

    /** The lock of file {@code name}: hold it around any read-modify-write of that file. */
    ReentrantLock lock(String name) {
        return locks.computeIfAbsent(name, n -> new ReentrantLock());
    }
}
