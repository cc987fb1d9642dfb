package dev.cliproxy.api;

/**
 * Turns a provider's 2xx answers into its native format before the host reads them, for upstreams that wrap the
 * format in an envelope (the Gemini CLI backend's {@code {"response": ...}}). Pure and fast: it runs for every
 * stream event. Return the input itself when nothing changes.
 */
public interface AnswerAdapter {

    /** Changes nothing; the host skips the calls altogether. */
    AnswerAdapter NONE = new AnswerAdapter() {
        @Override
        public byte[] body(UpstreamCall call, byte[] body) {
            return body;
        }

        @Override
        public byte[] event(UpstreamCall call, byte[] data) {
            return data;
        }
    };

    /** A whole 2xx answer body, as the native format's body. */
    byte[] body(UpstreamCall call, byte[] body);

    /** The {@code data} of one stream event, as the native format's event data. */
    byte[] event(UpstreamCall call, byte[] data);
}
