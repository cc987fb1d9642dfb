package dev.cliproxy.host.authfiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.CredentialStore;
import dev.cliproxy.api.TokenFile;
import dev.cliproxy.host.config.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's {@link CredentialStore}: token files in the live {@code auth-dir}, written to a 0600 temp file and
 * renamed over the old one, then handed to {@code afterSave} (which re-reads the credentials once and records the
 * new fingerprint, so the file watcher does not reload again for the host's own write).
 */
public final class TokenFileStore implements CredentialStore {

    private static final Logger LOG = LoggerFactory.getLogger(TokenFileStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Path> authDir;
    private final Runnable afterSave;

    /**
     * @param authDir   the live {@code auth-dir}
     * @param afterSave makes a saved file's credentials live
     */
    public TokenFileStore(Supplier<Path> authDir, Runnable afterSave) {
        this.authDir = authDir;
        this.afterSave = afterSave;
    }

    @Override
    public Optional<TokenFile> load(String name) {
        Path file = authDir.get().resolve(name);
        if (!file.getParent().equals(authDir.get()) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return JSON.readTree(file.toFile()) instanceof ObjectNode o ? Optional.of(TokenFile.of(name, o))
                    : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Cannot read token file {}: {}", name, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    @Override
    public void save(TokenFile file) throws IOException {
        Path dir = authDir.get();
        AuthDirectory.ensureExists(dir);
        AtomicFiles.write(dir.resolve(file.name()), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(file.content()), AtomicFiles.OWNER_ONLY);
        afterSave.run();
    }
}
