package dev.cliproxy.host.panel;

import dev.cliproxy.host.http.NotFound;
import dev.cliproxy.host.state.LiveState;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.util.Optional;

/**
 * The built-in control panel: {@code GET /management.html} and its files under {@code /panel/}, all shipped in the
 * jar (nothing is downloaded at run time). The page is static and unauthenticated; everything it shows comes from
 * the management API, called by the browser with the management key the user signs in with. A browser asking for
 * {@code /} (an {@code Accept} that prefers HTML, see {@link HtmlPreference}) is redirected to the panel; every
 * other {@code GET /} keeps its JSON answer. {@code remote-management.disable-control-panel: true} turns all of it
 * off (404), read live so a config reload applies at once.
 */
public final class ControlPanel {

    /** The panel's page. */
    public static final String PAGE = "/management.html";

    private final LiveState live;
    private final PanelAssets assets = new PanelAssets(ControlPanel.class.getClassLoader());
    private final HttpHandler notFound = new NotFound();

    public ControlPanel(LiveState live) {
        this.live = live;
    }

    /** Adds the panel's routes to {@code routes}, after the API's own {@code GET /}. */
    public void register(RoutingHandler routes) {
        routes.get(PAGE, exchange -> serve(exchange, "management.html"));
        routes.get("/panel/{file}", exchange -> serve(exchange,
                exchange.getQueryParameters().get("file").getFirst()));
        routes.add(Methods.GET, "/", exchange -> enabled()
                && HtmlPreference.prefersHtml(exchange.getRequestHeaders().getFirst(Headers.ACCEPT)),
                ControlPanel::redirect);
    }

    private boolean enabled() {
        return !live.config().remoteManagement().disableControlPanel();
    }

    private void serve(HttpServerExchange exchange, String name) throws Exception {
        Optional<PanelAsset> asset = enabled() ? assets.get(name) : Optional.empty();
        if (asset.isEmpty()) {
            notFound.handleRequest(exchange);
            return;
        }
        PanelResponse.send(exchange, asset.get());
    }

    private static void redirect(HttpServerExchange exchange) {
        exchange.setStatusCode(302);
        exchange.getResponseHeaders().put(Headers.LOCATION, PAGE);
        exchange.getResponseHeaders().put(Headers.VARY, "Accept");
        exchange.endExchange();
    }
}
