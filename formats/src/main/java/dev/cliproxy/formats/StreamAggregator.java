package dev.cliproxy.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Assembles canonical stream events into one {@link ChatResponse}, for clients that asked for a whole answer from
 * an upstream that only streams. Memory grows with the answer, not with the number of events.
 */
public final class StreamAggregator implements Consumer<StreamEvent> {

    private final List<ContentPart> parts = new ArrayList<>();
    private final List<ToolCallBuilder> toolCalls = new ArrayList<>();
    private StringBuilder text;
    private StringBuilder reasoning;
    private String id;
    private String model;
    private Usage usage;
    private FinishReason finish;
    private String stopSequence;
    private ApiError error;

    private static final class ToolCallBuilder {
        final String id;
        final String name;
        final Signature signature;
        final StringBuilder arguments = new StringBuilder();
        final int partIndex;

        ToolCallBuilder(String id, String name, Signature signature, int partIndex) {
            this.id = id;
            this.name = name;
            this.signature = signature;
            this.partIndex = partIndex;
        }
    }

    @Override
    public void accept(StreamEvent event) {
        switch (event) {
            case StreamEvent.MessageStart s -> {
                id = s.id();
                model = s.model();
                usage = s.usage() == null ? usage : s.usage().max(usage);
            }
            case StreamEvent.TextDelta d -> {
                closeReasoning(null);
                if (text == null) {
                    text = new StringBuilder();
                }
                text.append(d.text());
            }
            case StreamEvent.ReasoningDelta d -> {
                closeText();
                if (reasoning == null) {
                    reasoning = new StringBuilder();
                }
                reasoning.append(d.text());
            }
            case StreamEvent.ReasoningSignature s -> {
                closeText();
                closeReasoning(s.signature());
            }
            case StreamEvent.RedactedReasoning r -> {
                closeOpenBlocks();
                parts.add(new ContentPart.Reasoning("", null, r.data()));
            }
            case StreamEvent.ToolCallStart s -> {
                closeOpenBlocks();
                parts.add(null);
                toolCalls.add(new ToolCallBuilder(s.id(), s.name(), s.signature(), parts.size() - 1));
            }
            case StreamEvent.ToolCallDelta d -> {
                for (ToolCallBuilder b : toolCalls) {
                    if (toolCalls.indexOf(b) == d.index()) {
                        b.arguments.append(d.argumentsFragment());
                    }
                }
            }
            case StreamEvent.BlockEnd ignored -> closeOpenBlocks();
            case StreamEvent.UsageUpdate u -> usage = u.usage().max(usage);
            case StreamEvent.Finish f -> {
                finish = f.reason();
                stopSequence = f.stopSequence();
            }
            case StreamEvent.StreamError e -> error = e.error();
        }
    }

    private void closeText() {
        if (text != null) {
            parts.add(new ContentPart.Text(text.toString()));
            text = null;
        }
    }

    private void closeReasoning(Signature signature) {
        if (reasoning != null || signature != null) {
            parts.add(new ContentPart.Reasoning(reasoning == null ? "" : reasoning.toString(), signature, null));
            reasoning = null;
        }
    }

    private void closeOpenBlocks() {
        closeText();
        closeReasoning(null);
    }

    /** The error the upstream reported inside the stream, or {@code null}. */
    public ApiError error() {
        return error;
    }

    /** The assembled response. */
    public ChatResponse result() {
        closeOpenBlocks();
        List<ContentPart> out = new ArrayList<>(parts);
        for (ToolCallBuilder b : toolCalls) {
            out.set(b.partIndex, new ContentPart.ToolCall(b.id, b.name, b.arguments.toString(), b.signature));
        }
        FinishReason reason = finish;
        if (reason == null) {
            reason = toolCalls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
        }
        return new ChatResponse(id, model, 0, out, reason, stopSequence, usage);
    }
}
