package dev.cliproxy.formats;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Anthropic, OpenAI Chat Completions and OpenAI Responses refuse a tool result that answers no tool call of the
 * assistant turn before it (400: "unexpected tool_use_id", "messages with role 'tool' must be a response to a
 * preceding message with 'tool_calls'", "No tool call found for function call output"). Gemini accepts one, and Gemini
 * clients send them (Gemini CLI counts the tokens of a lone tool output; trimmed histories start with one). Their
 * encoders therefore pass the messages through {@link #orphansAsText}: such a result becomes plain user content that
 * says which tool it came from, so its text and images still reach the model.
 */
public final class ToolResultPairing {

    private ToolResultPairing() {
    }

    /**
     * {@code messages} with every orphan tool result replaced by text (and its images or documents); the same list
     * when there is none. A result is an orphan when the closest assistant message before it calls no tool, or when
     * it names a call id that none of that message's (identified) calls has.
     */
    public static List<Message> orphansAsText(List<Message> messages) {
        List<Message> out = null;
        Set<String> callIds = new HashSet<>();
        boolean anyCall = false;
        boolean anonymousCall = false;
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m.role() == Message.Role.ASSISTANT) {
                callIds.clear();
                anyCall = false;
                anonymousCall = false;
                for (ContentPart p : m.parts()) {
                    if (p instanceof ContentPart.ToolCall c) {
                        anyCall = true;
                        if (c.id() == null || c.id().isEmpty()) {
                            anonymousCall = true;
                        } else {
                            callIds.add(c.id());
                        }
                    }
                }
            } else {
                List<ContentPart> parts = null;
                for (int j = 0; j < m.parts().size(); j++) {
                    ContentPart p = m.parts().get(j);
                    boolean orphan = p instanceof ContentPart.ToolResult r && (!anyCall
                            || r.callId() != null && !r.callId().isEmpty() && !anonymousCall
                            && !callIds.contains(r.callId()));
                    if (orphan && parts == null) {
                        parts = new ArrayList<>(m.parts().subList(0, j));
                    }
                    if (orphan) {
                        parts.addAll(asContent((ContentPart.ToolResult) p));
                    } else if (parts != null) {
                        parts.add(p);
                    }
                }
                if (parts != null) {
                    if (out == null) {
                        out = new ArrayList<>(messages.subList(0, i));
                    }
                    out.add(new Message(m.role(), parts));
                    continue;
                }
            }
            if (out != null) {
                out.add(m);
            }
        }
        return out == null ? messages : out;
    }

    private static List<ContentPart> asContent(ContentPart.ToolResult r) {
        String tool = r.name() != null && !r.name().isEmpty() ? r.name() : r.callId() != null ? r.callId() : "a tool";
        List<ContentPart> out = new ArrayList<>();
        out.add(new ContentPart.Text("Result of " + tool + (r.isError() ? " (failed)" : "") + ":\n" + r.text()));
        for (ContentPart p : r.content()) {
            if (!(p instanceof ContentPart.Text)) {
                out.add(p);
            }
        }
        return out;
    }
}
