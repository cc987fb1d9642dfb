package dev.cliproxy.host.authfiles;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.formats.Json;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code auth-dir} folder of JSON credential files (one per OAuth account). */
public final class AuthDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(AuthDirectory.class);
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private AuthDirectory() {
    }

    /** Creates the folder with mode 0700 when it does not exist; logs (never throws) when that fails. */
    public static void ensureExists(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(dir)) {
                LOG.warn("Cannot create auth-dir {}: a file of that name is in the way", dir);
            }
        } catch (IOException e) {
            LOG.warn("Cannot create auth-dir {}: {}", dir, e.getMessage());
        }
    }

    /**
     * Creates the folder with mode 0700 when it does not exist, and tightens it to 0700 when its group or others
     * have any access; logs (never throws) what it changed or could not change.
     */
    public static void ensurePrivate(Path dir) {
        ensureExists(dir);
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(dir);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        if (perms.stream().allMatch(OWNER::contains)) {
            return;
        }
        String was = PosixFilePermissions.toString(perms);
        try {
            Files.setPosixFilePermissions(dir, PRIVATE);
            LOG.warn("auth-dir {} was open to other users ({}): tightened to rwx------", dir.toAbsolutePath(), was);
        } catch (IOException e) {
            LOG.warn("auth-dir {} is open to other users ({}) and cannot be tightened ({}): run `chmod 700 {}`",
                    dir.toAbsolutePath(), was, e.getMessage(), dir.toAbsolutePath());
        }
    }

    /** Whether {@code name} is the name of a token file ({@code *.json}). */
    public static boolean isTokenFileName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".json");
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
        files.sort(Comparator.comparing(ProviderConfig.AuthFile::name));
        return files;
    }
}
