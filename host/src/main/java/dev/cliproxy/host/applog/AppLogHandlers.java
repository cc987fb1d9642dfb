package dev.cliproxy.host.applog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.http.JsonReply;
import dev.cliproxy.host.management.ManagementException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.nio.file.NoSuchFileException;
import java.time.ZoneId;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * The management endpoints of the application log, to mount behind the management auth (both answer 400
 * {@code {"error":"logging to file disabled"}} while {@code logging-to-file} is off):
 * <ul>
 *   <li>{@code GET /logs?after=<unix seconds>&limit=<n>&cursor=<c>} -> {@code {"lines":[...],"line-count":n,
 *       "latest-timestamp":t,"next-cursor":"..."}}, plus {@code "cursor-reset":true} when the cursor sent could not
 *       be followed (see {@link LogReader}); a limit that is not a positive integer -> 400;</li>
 *   <li>{@code DELETE /logs} -> empties the active file and deletes the archives ->
 *       {@code {"success":true,"message":"Logs cleared successfully","removed":n}}; 404 when the folder does not
 *       exist.</li>
 * </ul>
 */
public final class AppLogHandlers {

    private final Supplier<AppLogSettings> settings;
    private final ZoneId zone;

    /** Handlers for the settings {@code settings} gives at each call; log line times are in {@code zone}. */
    public AppLogHandlers(Supplier<AppLogSettings> settings, ZoneId zone) {
        this.settings = settings;
        this.zone = zone;
    }

    /** {@code GET /logs}. */
    public HttpHandler get() {
        return exchange -> {
            AppLogFolder folder = folder();
            int limit = limit(query(exchange, "limit"));
            LogReader.Page page = new LogReader(folder, zone).read(after(query(exchange, "after")), limit,
                    query(exchange, "cursor"));
            ObjectNode out = Json.object();
            page.lines().forEach(out.putArray("lines")::add);
            out.put("line-count", page.lineCount());
            out.put("latest-timestamp", page.latest());
            out.put("next-cursor", page.nextCursor());
            if (page.cursorReset()) {
                out.put("cursor-reset", true);
            }
            JsonReply.send(exchange, 200, out);
        };
    }

    /** {@code DELETE /logs}. */
    public HttpHandler delete() {
        return exchange -> {
            int removed;
            try {
                removed = folder().clear();
            } catch (NoSuchFileException e) {
                throw new ManagementException(404, "log directory not found");
            }
            ObjectNode out = Json.object();
            out.put("success", true);
            out.put("message", "Logs cleared successfully");
            out.put("removed", removed);
            JsonReply.send(exchange, 200, out);
        };
    }

    private AppLogFolder folder() {
        AppLogSettings s = settings.get();
        if (!s.toFile()) {
            throw new ManagementException(400, "logging to file disabled");
        }
        return new AppLogFolder(s.dir());
    }

    private static String query(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() || values.getFirst().isBlank() ? null : values.getFirst().trim();
    }

    private static int limit(String text) {
        if (text == null) {
            return 0;
        }
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ManagementException(400, "invalid limit: must be a positive integer");
        }
        if (limit <= 0) {
            throw new ManagementException(400, "invalid limit: must be greater than zero");
        }
        return limit;
    }

    private static long after(String text) {
        try {
            return text == null ? 0 : Math.max(0, Long.parseLong(text));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
