package dev.cliproxy.host.payload;

import java.util.regex.Pattern;

/** A case-insensitive wildcard pattern ({@code *} = any run of characters), compiled once when a rule loads. */
record Glob(String text, Pattern pattern) {

    static Glob of(String text) {
        StringBuilder regex = new StringBuilder();
        for (String part : text.trim().split("\\*", -1)) {
            if (!regex.isEmpty() || text.trim().startsWith("*")) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return new Glob(text, Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL));
    }

    boolean matches(String value) {
        return value != null && pattern.matcher(value).matches();
    }
}
