package dev.cliproxy.host.panel;

/**
 * One file of the control panel, read once from the jar.
 *
 * @param bytes       the content
 * @param contentType the {@code Content-Type} it is served with
 */
record PanelAsset(byte[] bytes, String contentType) {
}
