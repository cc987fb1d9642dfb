package dev.cliproxy.host.upstream;

/**
 * Paces the body of one upstream answer: the receiver pauses reading while its client cannot take more (so at most
 * one read buffer waits per stream) and resumes when it can. Call only on the answer's I/O thread.
 */
public interface BodyFlow {

    /** Stops delivering body bytes until {@link #resume()}; the socket's read side is no longer watched. */
    void pause();

    /** Delivers body bytes again. */
    void resume();

    /** Gives up on the answer: the connection is closed (never reused) and the receiver hears nothing more. */
    void abort();
}
