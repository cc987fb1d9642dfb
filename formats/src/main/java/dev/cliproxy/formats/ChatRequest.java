package dev.cliproxy.formats;

import java.util.List;

/**
 * A chat request in canonical form.
 *
 * @param model             the requested model (client alias on decode; upstream name before encode)
 * @param system            system and developer instructions, in order (usually {@link ContentPart.Text})
 * @param messages          the conversation, oldest first
 * @param tools             function tools offered to the model
 * @param toolChoice        how the model may use tools; {@code null} when unspecified
 * @param sampling          sampling parameters; never {@code null}
 * @param reasoning         reasoning effort or budget; {@code null} when unspecified
 * @param responseFormat    structured output request; {@code null} for plain text
 * @param stream            whether the client asked for a stream
 * @param includeUsage      whether a streaming client asked for usage (OpenAI {@code stream_options.include_usage})
 * @param parallelToolCalls whether parallel tool calls are allowed; {@code null} when unspecified
 * @param user              an end-user id for abuse tracking; {@code null} when absent
 */
public record ChatRequest(
        String model,
        List<ContentPart> system,
        List<Message> messages,
        List<ToolDefinition> tools,
        ToolChoice toolChoice,
        Sampling sampling,
        ReasoningConfig reasoning,
        ResponseFormat responseFormat,
        boolean stream,
        boolean includeUsage,
        Boolean parallelToolCalls,
        String user) {

    public ChatRequest {
        system = system == null ? List.of() : List.copyOf(system);
        messages = messages == null ? List.of() : List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        sampling = sampling == null ? Sampling.NONE : sampling;
    }

    /** The same request for another model. */
    public ChatRequest withModel(String newModel) {
        return new ChatRequest(newModel, system, messages, tools, toolChoice, sampling, reasoning, responseFormat,
                stream, includeUsage, parallelToolCalls, user);
    }

    /** The same request with another reasoning setting. */
    public ChatRequest withReasoning(ReasoningConfig newReasoning) {
        return new ChatRequest(model, system, messages, tools, toolChoice, sampling, newReasoning, responseFormat,
                stream, includeUsage, parallelToolCalls, user);
    }

    /** The same request with another stream flag. */
    public ChatRequest withStream(boolean newStream) {
        return new ChatRequest(model, system, messages, tools, toolChoice, sampling, reasoning, responseFormat,
                newStream, includeUsage, parallelToolCalls, user);
    }

    /** The system instructions as one text, parts joined by blank lines; empty when there are none. */
    public String systemText() {
        StringBuilder sb = new StringBuilder();
        for (ContentPart p : system) {
            if (p instanceof ContentPart.Text t) {
                if (!sb.isEmpty()) {
                    sb.append("\n\n");
                }
                sb.append(t.text());
            }
        }
        return sb.toString();
    }
}
