package dev.cliproxy.host.matrix;

/** The four client formats of the matrix. */
enum ClientFormat {
    OPENAI_CHAT(new OpenAiChatClient()),
    OPENAI_RESPONSES(new ResponsesClient()),
    CLAUDE(new ClaudeClient()),
    GEMINI(new GeminiClient());

    final ClientDialect dialect;

    ClientFormat(ClientDialect dialect) {
        this.dialect = dialect;
    }
}
