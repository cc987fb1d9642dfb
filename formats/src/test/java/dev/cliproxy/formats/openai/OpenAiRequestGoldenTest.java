package dev.cliproxy.formats.openai;

import static dev.cliproxy.formats.openai.OpenAiFixtures.CODEC;

import dev.cliproxy.formats.GoldenFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Documentation request examples, decoded and encoded again for an OpenAI-compatible upstream. */
class OpenAiRequestGoldenTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("openai");

    @ParameterizedTest
    @ValueSource(strings = {
            "request-default",
            "request-image-url-and-base64",
            "request-tools",
            "request-tools-parallel-results",
            "request-legacy-functions",
            "request-sampling-format-reasoning",
            "request-pdf-file"})
    void documentedRequestReEncodesAsExpected(String name) {
        byte[] encoded = CODEC.encodeRequest(CODEC.decodeRequest(GOLDEN.json(name + ".json")));
        GOLDEN.assertJson(name + ".expected.json", encoded);
    }
}
