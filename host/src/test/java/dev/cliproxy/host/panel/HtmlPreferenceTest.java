package dev.cliproxy.host.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HtmlPreferenceTest {

    record Case(String accept, boolean html) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", true),
                new Case("text/html", true),
                new Case("text/*, application/json;q=0.5", true),
                new Case("*/*", false),
                new Case(null, false),
                new Case("", false),
                new Case("application/json", false),
                new Case("text/html, application/json", false),
                new Case("text/html;q=0.4, */*;q=0.5", false),
                new Case("text/html;q=0", false),
                new Case("text/html;q=abc", false),
                new Case("TEXT/HTML; Q=0.9, */*; q=0.1", true));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void ranksHtmlAgainstJsonAsTheAcceptHeaderSays(Case c) {
        assertEquals(c.html(), HtmlPreference.prefersHtml(c.accept()), String.valueOf(c.accept()));
    }
}
