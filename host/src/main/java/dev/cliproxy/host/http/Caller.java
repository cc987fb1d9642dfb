package dev.cliproxy.host.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who is calling a local-only endpoint (the management API, Amp's proxied routes). A caller is local only when
 * the connection comes from a loopback address and no forwarding header ({@code X-Forwarded-For},
 * {@code X-Real-IP}, {@code Forwarded}) names anyone else: a reverse proxy on the same machine must not make every
 * remote client look local. Forwarding headers never make a remote connection local.
 */
public final class Caller {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private Caller() {
    }

    /** Whether the caller is this machine. */
    public static boolean isLocal(HttpServerExchange exchange) {
        if (!ClientAddress.isLoopback(exchange)) {
            return false;
        }
        return forwarded(exchange).stream().allMatch(Caller::isLoopbackLiteral);
    }

    /**
     * The address failures are counted against: the connection's, or, behind a reverse proxy on this machine, the
     * client the proxy last named.
     */
    public static String address(HttpServerExchange exchange) {
        List<String> forwarded = forwarded(exchange);
        return ClientAddress.isLoopback(exchange) && !forwarded.isEmpty() ? forwarded.getLast()
                : ClientAddress.of(exchange);
    }

    private static List<String> forwarded(HttpServerExchange exchange) {
        List<String> out = new ArrayList<>();
        for (String header : new String[] {"X-Forwarded-For", "X-Real-IP"}) {
            HeaderValues values = exchange.getRequestHeaders().get(header);
            if (values != null) {
                values.forEach(v -> addAll(out, v.split(",")));
            }
        }
        HeaderValues rfc = exchange.getRequestHeaders().get("Forwarded");
        if (rfc != null) {
            for (String v : rfc) {
                for (String part : v.split("[,;]")) {
                    String p = part.trim();
                    if (p.toLowerCase(Locale.ROOT).startsWith("for=")) {
                        addAll(out, new String[] {p.substring(4).replace("\"", "")});
                    }
                }
            }
        }
        return out;
    }

    private static void addAll(List<String> out, String[] values) {
        for (String v : values) {
            String s = v.trim();
            if (s.startsWith("[") && s.indexOf(']') > 0) {
                s = s.substring(1, s.indexOf(']'));
            } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':')) {
                s = s.substring(0, s.indexOf(':'));
            }
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
    }

    private static boolean isLoopbackLiteral(String address) {
        if (!IP_LITERAL.matcher(address).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
