package dev.cliproxy.formats.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.JsonFields;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.StreamEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Follows the {@code tool_calls} deltas of one stream. OpenAI's per-choice {@code index} (or, for providers that
 * omit it or reuse it, a change of call id) identifies a call; each call gets a canonical ordinal when it starts.
 * A call starts once its name is known; argument fragments that arrive before that are held for that call only,
 * later fragments are passed on as they arrive.
 */
final class OpenAiToolCallAssembler {

    private static final class Call {
        String id;
        String name;
        Signature signature;
        int ordinal = -1;
        StringBuilder pending;
    }

    private final Map<Integer, Call> byIndex = new HashMap<>();
    private final List<Call> all = new ArrayList<>();
    private Call last;
    private Call legacy;
    private int started;

    /** Handles a {@code delta.tool_calls} array. */
    void toolCalls(JsonNode array, Consumer<StreamEvent> out) {
        for (JsonNode tc : array) {
            if (tc.isObject()) {
                String id = JsonFields.lenientText(tc, "id");
                Call call = resolve(tc.get("index"), id == null || id.isEmpty() ? null : id);
                update(call, id, tc.get("function"), OpenAiWire.thoughtSignature(tc), out);
            }
        }
    }

    /** Handles a legacy {@code delta.function_call} object. */
    void functionCall(JsonNode fc, Consumer<StreamEvent> out) {
        if (legacy == null) {
            legacy = open(null);
        }
        update(legacy, null, fc, null, out);
    }

    private Call resolve(JsonNode index, String id) {
        if (index != null && index.isIntegralNumber() && index.canConvertToInt()) {
            Call known = byIndex.get(index.intValue());
            return known != null && !isOther(known, id) ? known : open(index.intValue());
        }
        return last != null && !isOther(last, id) ? last : open(null);
    }

    /** Whether {@code id} names another call than {@code call} (some providers reuse one index or send none). */
    private static boolean isOther(Call call, String id) {
        return id != null && call.id != null && !call.id.equals(id);
    }

    private Call open(Integer index) {
        Call call = new Call();
        if (index != null) {
            byIndex.put(index, call);
        }
        all.add(call);
        return call;
    }

    private void update(Call call, String id, JsonNode fn, String signature, Consumer<StreamEvent> out) {
        last = call;
        if (call.id == null && id != null && !id.isEmpty()) {
            call.id = id;
        }
        if (call.signature == null && signature != null) {
            call.signature = OpenAiResponseDecoder.signature(signature);
        }
        String name = JsonFields.lenientText(fn, "name");
        if (call.name == null && name != null && !name.isEmpty()) {
            call.name = name;
        }
        if (call.ordinal < 0 && call.name != null) {
            start(call, out);
        }
        String args = arguments(fn);
        if (args == null || args.isEmpty()) {
            return;
        }
        if (call.ordinal >= 0) {
            out.accept(new StreamEvent.ToolCallDelta(call.ordinal, args));
        } else {
            (call.pending == null ? call.pending = new StringBuilder() : call.pending).append(args);
        }
    }

    private static String arguments(JsonNode fn) {
        JsonNode args = fn == null ? null : fn.get("arguments");
        if (args == null || args.isNull()) {
            return null;
        }
        return args.isTextual() ? args.textValue() : args.toString();
    }

    private void start(Call call, Consumer<StreamEvent> out) {
        call.ordinal = started++;
        String id = call.id != null ? call.id : OpenAiWire.callId();
        out.accept(new StreamEvent.ToolCallStart(call.ordinal, id, call.name, call.signature));
        if (call.pending != null) {
            out.accept(new StreamEvent.ToolCallDelta(call.ordinal, call.pending.toString()));
            call.pending = null;
        }
    }

    /** Starts the calls whose name never arrived (with an empty name) so their arguments are not lost. */
    void flush(Consumer<StreamEvent> out) {
        for (Call call : all) {
            if (call.ordinal < 0 && (call.pending != null || call.id != null)) {
                call.name = "";
                start(call, out);
            }
        }
    }
}
