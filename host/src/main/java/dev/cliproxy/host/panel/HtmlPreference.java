package dev.cliproxy.host.panel;

import java.util.Locale;

/**
 * Whether a request's {@code Accept} header prefers an HTML page to JSON, as a browser's does
 * ({@code text/html,...,*}{@code /*;q=0.8}). HTML must be named ({@code text/html} or {@code text/*}) and rank above
 * JSON ({@code application/json}, {@code application/*} or {@code *}{@code /*}); a bare {@code *}{@code /*}, no
 * header or a tie keeps the JSON answer API clients rely on.
 */
final class HtmlPreference {

    private HtmlPreference() {
    }

    /** Whether {@code accept} (an {@code Accept} header value, may be {@code null}) ranks HTML above JSON. */
    static boolean prefersHtml(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double html = 0;
        double json = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            switch (type) {
                case "text/html", "text/*" -> html = Math.max(html, q);
                case "application/json", "application/*", "*/*" -> json = Math.max(json, q);
                default -> { }
            }
        }
        return html > 0 && html > json;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.length() > 2 && p.substring(0, 2).equalsIgnoreCase("q=")) {
                try {
                    return Math.clamp(Double.parseDouble(p.substring(2).trim()), 0, 1);
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
