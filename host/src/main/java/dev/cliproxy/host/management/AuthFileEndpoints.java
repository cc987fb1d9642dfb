package dev.cliproxy.host.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.config.TokenFiles;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.config.ConfigStore;
import dev.cliproxy.host.http.RequestBodies;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormParserFactory;
import io.undertow.server.handlers.form.MultiPartParserDefinition;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON credential files of {@code auth-dir}: {@code GET /auth-files} ({@code {"files": [{name, size,
 * modtime}]}}), {@code GET /auth-files/download?name=}, {@code POST /auth-files} (a multipart file field
 * {@code file}, named by its file name; or a text field {@code file}, or a raw JSON body, with {@code ?name=}),
 * {@code DELETE /auth-files?name=} and {@code ?all=true}. Every change reloads the credentials at once. List entries
 * of token files also carry {@code type, email, status, disabled, expires, last_refresh}.
 */
final class AuthFileEndpoints {

    /** Credential files are small; anything bigger is not one. */
    private static final int MAX_FILE_BYTES = 1024 * 1024;
    private static final Set<String> ALL = Set.of("true", "1", "*");

    private AuthFileEndpoints() {
    }

    static void register(ManagementRoutes routes, ConfigStore store) {
        routes.add(Methods.GET, "/auth-files", exchange -> list(exchange, folder(store), routes));
        routes.add(Methods.GET, "/auth-files/download", exchange -> download(exchange, folder(store)));
        routes.add(Methods.POST, "/auth-files", exchange -> {
            Map<String, byte[]> files = uploads(exchange);
            AuthFolder folder = folder(store);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                folder.write(f.getKey(), f.getValue());
            }
            store.refreshAuthFiles();
            Replies.ok(exchange);
        });
        routes.add(Methods.DELETE, "/auth-files", exchange -> {
            String all = Requests.query(exchange, "all");
            String name = Requests.query(exchange, "name");
            if (all != null && ALL.contains(all.toLowerCase(Locale.ROOT))) {
                folder(store).deleteAll();
            } else if (name != null) {
                folder(store).delete(name);
            } else {
                throw ManagementException.badRequest("missing name");
            }
            store.refreshAuthFiles();
            Replies.ok(exchange);
        });
    }

    private static AuthFolder folder(ConfigStore store) {
        return new AuthFolder(store.live().config().authDir());
    }

    private static void list(HttpServerExchange exchange, AuthFolder folder, ManagementRoutes routes)
            throws IOException {
        ArrayNode files = Json.MAPPER.createArrayNode();
        for (AuthFolder.Entry e : folder.list()) {
            ObjectNode o = files.addObject();
            o.put("name", e.name());
            o.put("size", e.size());
            o.put("modtime", DateTimeFormatter.ISO_INSTANT.format(e.modified().truncatedTo(ChronoUnit.SECONDS)));
            describe(o, folder, e.name(), routes.authFileStatus(e.name()));
        }
        Replies.value(exchange, "files", files);
    }

    /** The account fields of a token file (never a token): type, email, status, disabled, expires, last_refresh. */
    private static void describe(ObjectNode o, AuthFolder folder, String name, String status) {
        JsonNode content;
        try {
            content = Json.MAPPER.readTree(folder.read(name));
        } catch (IOException | ManagementException e) {
            return;
        }
        if (content == null || !content.isObject()) {
            return;
        }
        boolean disabled = content.path("disabled").asBoolean(false);
        o.put("type", content.path("type").asText(""));
        o.put("email", content.path("email").asText(""));
        o.put("status", status != null ? status : disabled ? "disabled" : "active");
        o.put("disabled", disabled);
        Instant expires = TokenFiles.expiry(content);
        Instant refreshed = TokenFiles.lastRefresh(content);
        o.put("expires", expires == null ? null : expires.toString());
        o.put("last_refresh", refreshed == null ? null : refreshed.toString());
    }

    private static void download(HttpServerExchange exchange, AuthFolder folder) throws IOException {
        String name = AuthFolder.checkName(Requests.query(exchange, "name"));
        byte[] body = folder.read(name);
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    /** The uploaded files by name, each checked to be a JSON object under a valid name. */
    private static Map<String, byte[]> uploads(HttpServerExchange exchange) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            MultiPartParserDefinition multipart = new MultiPartParserDefinition();
            multipart.setFileSizeThreshold(MAX_FILE_BYTES);
            multipart.setMaxIndividualFileSize(MAX_FILE_BYTES);
            try (FormDataParser parser = FormParserFactory.builder(false).addParser(multipart).build()
                    .createParser(exchange)) {
                FormData form;
                try {
                    form = parser.parseBlocking();
                } catch (IOException e) {
                    throw ManagementException.invalidBody();
                }
                for (String field : form) {
                    for (FormData.FormValue v : form.get(field)) {
                        if (v.isFileItem() && v.getFileName() != null) {
                            files.put(AuthFolder.checkName(v.getFileName()), checked(read(v.getFileItem())));
                        }
                    }
                }
                FormData.FormValue text = form.getFirst("file");
                if (files.isEmpty() && text != null && !text.isFileItem()) {
                    files.put(AuthFolder.checkName(Requests.query(exchange, "name")),
                            checked(text.getValue().getBytes(StandardCharsets.UTF_8)));
                }
            }
            if (files.isEmpty()) {
                throw ManagementException.badRequest("missing file");
            }
            return files;
        }
        String name = AuthFolder.checkName(Requests.query(exchange, "name"));
        files.put(name, checked(RequestBodies.read(exchange)));
        return files;
    }

    private static byte[] read(FormData.FileItem item) throws IOException {
        try (InputStream in = item.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static byte[] checked(byte[] content) {
        if (content.length > MAX_FILE_BYTES) {
            throw ManagementException.invalidBody();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(content);
            if (node == null || !node.isObject()) {
                throw ManagementException.invalidBody();
            }
            return content;
        } catch (IOException e) {
            throw ManagementException.invalidBody();
        }
    }
}
