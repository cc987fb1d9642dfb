package dev.cliproxy.host;

import java.nio.file.Path;

/**
 * The command line: {@code --config PATH} (default {@code ./config.yaml}), {@code --plugins DIR},
 * {@code --password SECRET}, {@code --help}, {@code --version}, and the OAuth logins ({@code --claude-login},
 * {@code --codex-login}, {@code --codex-device-login}, {@code --login NAME}, with {@code --no-browser} and
 * {@code --oauth-callback-port N}). Every option also has the Go anchor's single-dash spelling.
 * {@link #toString()} never shows the password.
 *
 * @param config       the config file
 * @param pluginsDir   the plugins folder, or {@code null} for the config's {@code plugins.dir}
 * @param password     a management key for callers on this machine, never written to the config; empty for none
 * @param help         print usage and exit
 * @param version      print the version and exit
 * @param login        the login to run instead of the server ({@code claude}, {@code codex}...), or {@code null}
 * @param device       whether the login uses the device-code flow
 * @param noBrowser    print the login URL without opening a browser
 * @param callbackPort the local callback port, or {@code null} for the provider's
 * @param projectId    Gemini CLI login: the Google Cloud project(s) to set up (an id, a comma list or {@code ALL});
 *                     empty to discover the account's own
 */
record CommandLine(Path config, Path pluginsDir, String password, boolean help, boolean version, String login,
                   boolean device, boolean noBrowser, Integer callbackPort, String projectId) {

    static final String USAGE = """
            Usage: cli-proxy-api [options]

              --config PATH      config file (default: ./config.yaml); without one, built-in defaults are used
              --plugins DIR      folder of provider plugin jars (default: plugins.dir of the config, else ./plugins)
              --password SECRET  management key accepted from this machine only, never written to the config
                                 (the MANAGEMENT_PASSWORD environment variable is accepted from any caller)
              --version          print the version and exit
              --help             print this help and exit

            Log in a subscription account (writes a token file to auth-dir, then exits):
              --claude-login          Claude Pro/Max (Claude Code OAuth)
              --codex-login           ChatGPT Plus/Pro (Codex OAuth)
              --codex-device-login    ChatGPT, with a device code (no local callback needed)
              --login [NAME]          Gemini CLI (Google) without a NAME; else the login of that provider plugin
              --project_id ID         with --login: the Google Cloud project(s): an id, a comma list or ALL
              --no-browser            print the URL instead of opening a browser
              --oauth-callback-port N local callback port (default: the provider's, e.g. 54545, 1455)
            """;

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException for an unknown option or a missing value
     */
    static CommandLine parse(String[] args) {
        Path config = Path.of("config.yaml");
        Path plugins = null;
        String password = "";
        boolean help = false;
        boolean version = false;
        String login = null;
        boolean device = false;
        boolean noBrowser = false;
        Integer callbackPort = null;
        String projectId = "";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("-") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--config", "-config", "-c" -> config = Path.of(value != null ? value : next(args, ++i, a));
                case "--plugins", "-plugins" -> plugins = Path.of(value != null ? value : next(args, ++i, a));
                case "--password", "-password" -> password = value != null ? value : next(args, ++i, a);
                case "--help", "-help", "-h" -> help = true;
                case "--version", "-version", "-v" -> version = true;
                case "--claude-login", "-claude-login" -> login = "claude";
                case "--codex-login", "-codex-login" -> login = "codex";
                case "--codex-device-login", "-codex-device-login" -> {
                    login = "codex";
                    device = true;
                }
                case "--login", "-login" -> {
                    // a bare --login is the Go anchor's Google (Gemini CLI) login; --login NAME any provider's
                    boolean named = value != null || i + 1 < args.length && !args[i + 1].startsWith("-");
                    login = value != null ? value : named ? args[++i] : "gemini-cli";
                }
                case "--project_id", "-project_id", "--project-id" ->
                        projectId = value != null ? value : next(args, ++i, a);
                case "--no-browser", "-no-browser" -> noBrowser = true;
                case "--oauth-callback-port", "-oauth-callback-port" ->
                        callbackPort = port(value != null ? value : next(args, ++i, a), a);
                default -> throw new IllegalArgumentException("unknown option: " + a);
            }
        }
        return new CommandLine(config, plugins, password, help, version, login, device, noBrowser, callbackPort,
                projectId);
    }

    private static int port(String text, String option) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a port number (0-65535)");
    }

    @Override
    public String toString() {
        return "CommandLine[config=" + config + ", pluginsDir=" + pluginsDir + ", password="
                + (password.isEmpty() ? "" : "***") + ", help=" + help + ", version=" + version + ", login=" + login
                + "]";
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length || args[i].isBlank()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
