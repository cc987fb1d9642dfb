/**
 * The canonical chat model shared by all four wire formats, and one {@link dev.cliproxy.formats.Codec} per
 * format. Translation always goes client format -> canonical -> native format (and back for responses and stream
 * events), so each format needs one decoder and one encoder, never a pair-wise translator.
 *
 * <p>Conventions every codec follows:
 * <ul>
 *   <li>Decoders reject malformed or unsupported input with {@link dev.cliproxy.formats.FormatException}
 *       (the host answers 400 in the client's format).</li>
 *   <li>Reasoning signatures are opaque and kept byte-exact. A signature carries the format that minted it
 *       ({@link dev.cliproxy.formats.Signature}). Request encoders drop reasoning whose signature comes from
 *       another format; response and stream encoders give foreign signatures to clients in tagged form so that
 *       they can be recognised when the client sends them back.</li>
 *   <li>Stream decoders and encoders are stateful, one per stream, and keep bounded state (never a whole stream).</li>
 * </ul>
 */
package dev.cliproxy.formats;
