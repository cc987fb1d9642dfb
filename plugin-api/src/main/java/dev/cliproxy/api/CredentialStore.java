package dev.cliproxy.api;

import java.io.IOException;
import java.util.Optional;

/**
 * The token files of {@code auth-dir}, as the host keeps them. A save writes a temp file at 0600 and renames it over
 * the old one (never a half-written file), then updates the credentials of that one file in the live state: the
 * file watcher does not reload everything for the host's own writes.
 */
public interface CredentialStore {

    /** The file {@code name}, when it exists and holds a JSON object. */
    Optional<TokenFile> load(String name);

    /** Writes {@code file} atomically at 0600 and makes its credentials live. */
    void save(TokenFile file) throws IOException;
}
