package dev.cliproxy.bench;

import java.nio.charset.StandardCharsets;

/** The canned answers of the fake upstream, in the OpenAI Chat Completions and the Anthropic Messages shapes. */
enum FakeAnswers {

    OPENAI("""
            {"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"fake-gpt",\
            "choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I help you today?"},\
            "finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":9,"total_tokens":21}}""",
            "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                    + "\"model\":\"fake-gpt\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                    + "\"content\":\"\"},\"finish_reason\":null}]}\n\n",
            "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                    + "\"model\":\"fake-gpt\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"",
            " \"},\"finish_reason\":null}]}\n\n",
            "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                    + "\"model\":\"fake-gpt\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                    + "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                    + "\"model\":\"fake-gpt\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,"
                    + "\"completion_tokens\":%d,\"total_tokens\":%d}}\n\ndata: [DONE]\n\n"),
    CLAUDE("""
            {"id":"msg_bench","type":"message","role":"assistant","model":"fake-claude",\
            "content":[{"type":"text","text":"Hello! How can I help you today?"}],"stop_reason":"end_turn",\
            "stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":9}}""",
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_bench\","
                    + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"fake-claude\",\"content\":[],"
                    + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,"
                    + "\"output_tokens\":1}}}\n\n"
                    + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"",
            " \"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                    + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":%d%.0s}}\n\n"
                    + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");

    private final byte[] whole;
    private final byte[] head;
    private final byte[] deltaStart;
    private final byte[] deltaEnd;
    private final String tail;

    FakeAnswers(String whole, String head, String deltaStart, String deltaEnd, String tail) {
        this.whole = whole.getBytes(StandardCharsets.UTF_8);
        this.head = head.getBytes(StandardCharsets.UTF_8);
        this.deltaStart = deltaStart.getBytes(StandardCharsets.UTF_8);
        this.deltaEnd = deltaEnd.getBytes(StandardCharsets.UTF_8);
        this.tail = tail;
    }

    byte[] whole() {
        return whole;
    }

    byte[] streamHead() {
        return head;
    }

    /** One text delta whose text is {@code stamp}. */
    byte[] delta(long stamp) {
        byte[] digits = Long.toString(stamp).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[deltaStart.length + digits.length + deltaEnd.length];
        System.arraycopy(deltaStart, 0, out, 0, deltaStart.length);
        System.arraycopy(digits, 0, out, deltaStart.length, digits.length);
        System.arraycopy(deltaEnd, 0, out, deltaStart.length + digits.length, deltaEnd.length);
        return out;
    }

    byte[] streamTail(int deltas) {
        return String.format(tail, deltas, deltas + 12).getBytes(StandardCharsets.UTF_8);
    }
}
