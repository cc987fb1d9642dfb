/**
 * The login and token contract of OAuth providers: {@link dev.cliproxy.api.login.AccountLogin} (browser PKCE and
 * refresh), {@link dev.cliproxy.api.login.DeviceLogin}, token files and the host's
 * {@link dev.cliproxy.api.login.CredentialStore}.
 */
package dev.cliproxy.api.login;
