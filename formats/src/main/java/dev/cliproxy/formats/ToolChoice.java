package dev.cliproxy.formats;

/**
 * How the model may use tools.
 *
 * @param mode how tools may be used
 * @param name the forced function when {@code mode} is {@link Mode#TOOL}, else {@code null}
 */
public record ToolChoice(Mode mode, String name) {

    /** Tool use modes common to all formats. */
    public enum Mode {
        /** The model decides. */
        AUTO,
        /** No tool calls. */
        NONE,
        /** At least one tool call (OpenAI {@code required}, Claude {@code any}, Gemini {@code ANY}). */
        REQUIRED,
        /** Exactly the named tool. */
        TOOL
    }

    public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
    public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
    public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

    /** Forces the named tool. */
    public static ToolChoice tool(String name) {
        return new ToolChoice(Mode.TOOL, name);
    }
}
