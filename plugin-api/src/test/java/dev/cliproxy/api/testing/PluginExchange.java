package dev.cliproxy.api.testing;

import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.api.UpstreamAnswer;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamFailure;
import dev.cliproxy.api.UpstreamRequest;
import java.io.IOException;

/**
 * Plays the host's part for a plugin test: describes the call with the plugin, sends it over real HTTP (to a fake
 * upstream), and classifies a non-2xx answer with the plugin, as the host would.
 */
public final class PluginExchange {

    private PluginExchange() {
    }

    /** What happened: the request as described, the answer as received, and the plugin's verdict on a failure. */
    public record Result(UpstreamRequest request, UpstreamAnswer answer, UpstreamFailure failure) {
        /** The answer body as text. */
        public String bodyText() {
            return answer.bodyText();
        }
    }

    /** Describes, sends and (for a non-2xx answer) classifies {@code call}. */
    public static Result send(ProviderPlugin plugin, UpstreamCall call) throws IOException {
        UpstreamRequest request = plugin.describe(call);
        UpstreamAnswer answer = TestHostServices.JDK_HTTP.send(request);
        return new Result(request, answer, answer.isSuccessful() ? null : plugin.classify(call, answer));
    }
}
