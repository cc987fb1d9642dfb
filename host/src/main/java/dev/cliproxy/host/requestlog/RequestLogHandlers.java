package dev.cliproxy.host.requestlog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.http.JsonReply;
import dev.cliproxy.host.management.ManagementException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * The management endpoints of the request log files, to mount behind the management auth:
 * <ul>
 *   <li>{@code GET /request-error-logs} -> {@code {"files":[{"name","size","modified"}]}}, newest first
 *       ({@code modified} in Unix seconds): the {@code error-*.log} files kept while {@code request-log} is off
 *       (an empty list while it is on);</li>
 *   <li>{@code GET /request-error-logs/{name}} -> that file, as a download; 400 for a name with a path in it, 404
 *       for anything that is not an existing {@code error-*.log};</li>
 *   <li>{@code GET /request-log-by-id/{id}} -> the log file of the request with that id (its {@code X-Request-Id}),
 *       error file or not; 400 without a usable id, 404 when there is none.</li>
 * </ul>
 */
public final class RequestLogHandlers {

    private final Supplier<RequestLogSettings> settings;

    /** Handlers for the settings {@code settings} gives at each call. */
    public RequestLogHandlers(Supplier<RequestLogSettings> settings) {
        this.settings = settings;
    }

    /** {@code GET /request-error-logs}. */
    public HttpHandler list() {
        return exchange -> {
            RequestLogSettings s = settings.get();
            ObjectNode out = Json.object();
            ArrayNode files = out.putArray("files");
            if (!s.full()) {
                errorFiles(s.dir()).forEach(files::add);
            }
            JsonReply.send(exchange, 200, out);
        };
    }

    /** {@code GET /request-error-logs/{name}}. */
    public HttpHandler download() {
        return exchange -> {
            String name = param(exchange, "name");
            if (name == null || name.contains("/") || name.contains("\\")) {
                throw new ManagementException(400, "invalid log file name");
            }
            Path file = settings.get().dir().resolve(name);
            if (!name.startsWith("error-") || !name.endsWith(".log") || !Files.isRegularFile(file)) {
                throw new ManagementException(404, "log file not found");
            }
            send(exchange, file);
        };
    }

    /** {@code GET /request-log-by-id/{id}}. */
    public HttpHandler byId() {
        return exchange -> {
            String id = param(exchange, "id");
            if (id == null) {
                throw new ManagementException(400, "missing request ID");
            }
            if (id.contains("/") || id.contains("\\")) {
                throw new ManagementException(400, "invalid request ID");
            }
            String suffix = "-" + RequestLogFile.fileId(id) + ".log";
            try (DirectoryStream<Path> files = Files.newDirectoryStream(settings.get().dir(), "*" + suffix)) {
                for (Path file : files) {
                    if (Files.isRegularFile(file)) {
                        send(exchange, file);
                        return;
                    }
                }
            } catch (NoSuchFileException e) {
                throw new ManagementException(404, "log directory not found");
            }
            throw new ManagementException(404, "log file not found for the given request ID");
        };
    }

    private static List<ObjectNode> errorFiles(Path dir) throws IOException {
        record Found(ObjectNode json, long modified) {
        }
        List<Found> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "error-*.log")) {
            for (Path p : files) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (a.isRegularFile()) {
                    long modified = a.lastModifiedTime().toMillis() / 1000;
                    ObjectNode o = Json.object();
                    o.put("name", p.getFileName().toString()).put("size", a.size()).put("modified", modified);
                    found.add(new Found(o, modified));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        found.sort(Comparator.comparingLong(Found::modified).reversed());
        return found.stream().map(Found::json).toList();
    }

    private static void send(HttpServerExchange exchange, Path file) throws IOException {
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION,
                "attachment; filename=\"" + file.getFileName() + "\"");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, Files.size(file));
        try (OutputStream out = exchange.getOutputStream()) {
            Files.copy(file, out);
        }
    }

    private static String param(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() || values.getFirst().isBlank() ? null : values.getFirst().trim();
    }
}
