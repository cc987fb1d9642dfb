package dev.cliproxy.host;

import java.nio.file.Path;

/**
 * The command line: {@code --config PATH} (default {@code ./config.yaml}), {@code --plugins DIR},
 * {@code --password SECRET}, {@code --help}, {@code --version}. {@link #toString()} never shows the password.
 *
 * @param config     the config file
 * @param pluginsDir the plugins folder, or {@code null} for the config's {@code plugins.dir}
 * @param password   a management key for callers on this machine, never written to the config; empty for none
 * @param help       print usage and exit
 * @param version    print the version and exit
 */
record CommandLine(Path config, Path pluginsDir, String password, boolean help, boolean version) {

    static final String USAGE = """
            Usage: cli-proxy-api [options]

              --config PATH      config file (default: ./config.yaml); without one, built-in defaults are used
              --plugins DIR      folder of provider plugin jars (default: plugins.dir of the config, else ./plugins)
              --password SECRET  management key accepted from this machine only, never written to the config
                                 (the MANAGEMENT_PASSWORD environment variable is accepted from any caller)
              --version          print the version and exit
              --help             print this help and exit
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
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--config", "-config", "-c" -> config = Path.of(value != null ? value : next(args, ++i, a));
                case "--plugins", "-plugins" -> plugins = Path.of(value != null ? value : next(args, ++i, a));
                case "--password", "-password" -> password = value != null ? value : next(args, ++i, a);
                case "--help", "-help", "-h" -> help = true;
                case "--version", "-version", "-v" -> version = true;
                default -> throw new IllegalArgumentException("unknown option: " + a);
            }
        }
        return new CommandLine(config, plugins, password, help, version);
    }

    @Override
    public String toString() {
        return "CommandLine[config=" + config + ", pluginsDir=" + pluginsDir + ", password="
                + (password.isEmpty() ? "" : "***") + ", help=" + help + ", version=" + version + "]";
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length || args[i].isBlank()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
