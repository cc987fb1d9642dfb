package dev.cliproxy.host.authfiles;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.formats.Json;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code auth-dir} folder of JSON credential files (one per OAuth account). */
public final class AuthDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(AuthDirectory.class);

    private AuthDirectory() {
    }

    /** Creates the folder with mode 0700 when it does not exist; logs (never throws) when that fails. */
    public static void ensureExists(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException notPosix) {
                LOG.debug("File system of {} has no POSIX permissions", dir);
            }
        } catch (IOException e) {
            LOG.warn("Cannot create auth-dir {}: {}", dir, e.getMessage());
        }
    }

    /** Every readable {@code *.json} file of {@code dir} (not recursive); unreadable files are logged and skipped. */
    public static List<ProviderConfig.AuthFile> read(Path dir) {
        List<ProviderConfig.AuthFile> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
            for (Path p : stream) {
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                try {
                    JsonNode content = Json.MAPPER.readTree(Files.readAllBytes(p));
                    if (content != null && content.isObject()) {
                        files.add(new ProviderConfig.AuthFile(p.getFileName().toString(), content));
                    } else {
                        LOG.warn("Auth file {} is not a JSON object; skipped", p.getFileName());
                    }
                } catch (IOException e) {
                    LOG.warn("Auth file {} is not readable JSON; skipped ({})", p.getFileName(), e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list auth-dir {}: {}", dir, e.getMessage());
        }
        files.sort(java.util.Comparator.comparing(ProviderConfig.AuthFile::name));
        return files;
    }
}
