/**
 * Helpers for plugins reading their config sections: the API-key entry shape shared by {@code claude-api-key},
 * {@code gemini-api-key}, {@code codex-api-key} and similar lists, and the headers such entries configure.
 */
package dev.cliproxy.api.config;
