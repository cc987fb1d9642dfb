package dev.cliproxy.host.metrics;

import dev.cliproxy.api.Operation;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.host.state.LiveState;

/**
 * Label values with bounded cardinality. A model is labelled with its name only when the live model registry
 * serves it, else {@code other}, so a client inventing model names cannot create time series; routes and formats
 * come from enums; a missing provider is {@code none}; client keys are already stable short ids.
 */
public final class MetricLabels {

    /** The label of a model the proxy does not serve. */
    public static final String OTHER = "other";
    /** The label when no provider was tried. */
    public static final String NONE = "none";

    private final LiveState live;

    public MetricLabels(LiveState live) {
        this.live = live;
    }

    /** The model label: the client's model name when served, else {@link #OTHER}. */
    public String model(String model) {
        return model != null && live.current().models().serves(model) ? model : OTHER;
    }

    /** The provider label. */
    public static String provider(String provider) {
        return provider == null ? NONE : provider;
    }

    /** The client format label, e.g. {@code openai-chat}. */
    public static String format(WireFormat format) {
        return switch (format) {
            case OPENAI_CHAT -> "openai-chat";
            case OPENAI_RESPONSES -> "openai-responses";
            case CLAUDE_MESSAGES -> "claude-messages";
            case GEMINI -> "gemini";
        };
    }

    /** The route label: the endpoint family the request came in on. */
    public static String route(WireFormat format, Operation operation, boolean stream) {
        boolean count = operation == Operation.COUNT_TOKENS;
        return switch (format) {
            case OPENAI_CHAT -> "/v1/chat/completions";
            case OPENAI_RESPONSES -> "/v1/responses";
            case CLAUDE_MESSAGES -> count ? "/v1/messages/count_tokens" : "/v1/messages";
            case GEMINI -> count ? "/v1beta/models/{model}:countTokens"
                    : stream ? "/v1beta/models/{model}:streamGenerateContent" : "/v1beta/models/{model}:generateContent";
        };
    }

    /** The status class label: {@code 2xx}, {@code 4xx}, {@code 5xx}... */
    public static String statusClass(int status) {
        return switch (status / 100) {
            case 1 -> "1xx";
            case 2 -> "2xx";
            case 3 -> "3xx";
            case 4 -> "4xx";
            default -> "5xx";
        };
    }
}
