package dev.cliproxy.host.routing;

import java.util.Locale;

/** Model-name patterns of {@code excluded-models}: {@code *} matches any run of characters; case-insensitive. */
public final class ModelPattern {

    private ModelPattern() {
    }

    /** Whether {@code name} matches {@code pattern}. */
    public static boolean matches(String pattern, String name) {
        String p = pattern.trim().toLowerCase(Locale.ROOT);
        String n = name.toLowerCase(Locale.ROOT);
        return match(p, 0, n, 0);
    }

    private static boolean match(String p, int pi, String n, int ni) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int k = ni; k <= n.length(); k++) {
                    if (match(p, pi, n, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (ni >= n.length() || n.charAt(ni) != c) {
                return false;
            }
            pi++;
            ni++;
        }
        return ni == n.length();
    }

    /** Whether any of {@code patterns} matches {@code name}. */
    public static boolean anyMatches(Iterable<String> patterns, String name) {
        for (String p : patterns) {
            if (matches(p, name)) {
                return true;
            }
        }
        return false;
    }
}
