package dev.cliproxy.formats;

/**
 * What an encoder needs to know about the exchange when it writes a response for a client.
 *
 * @param model        the model name the client asked for (its alias), shown in every response
 * @param requestId    the host's request id, used to derive response ids when the upstream gave none
 * @param created      epoch seconds of the request
 * @param request      the decoded client request (Responses echoes its fields), or {@code null}
 * @param includeUsage whether a streaming OpenAI client asked for a usage chunk
 */
public record ResponseContext(String model, String requestId, long created, ChatRequest request,
                              boolean includeUsage) {
}
