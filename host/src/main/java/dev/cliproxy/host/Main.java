package dev.cliproxy.host;

import ch.qos.logback.classic.LoggerContext;
import dev.cliproxy.host.config.ConfigException;
import dev.cliproxy.host.config.ConfigLoader;
import dev.cliproxy.host.config.ProxyConfig;
import dev.cliproxy.host.management.ManagementPasswords;
import dev.cliproxy.host.server.ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Starts the proxy from the command line. SIGHUP reloads the config file and auth-dir; SIGTERM or Ctrl-C stops it
 * gracefully (running requests and streams may finish for {@code shutdown-grace-period-seconds}), exit code 0.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("cli-proxy-api: " + e.getMessage());
            System.err.print(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        if (cli.help()) {
            System.out.print(CommandLine.USAGE);
            return;
        }
        if (cli.version()) {
            System.out.println("cli-proxy-api " + version());
            return;
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        if (cli.login() != null) {
            System.exit(login(cli));
            return;
        }
        long started = System.nanoTime();
        ProxyServer server;
        try {
            ProxyConfig config = loadConfig(cli.config());
            server = ProxyServer.start(config, pluginsDir(cli, config), Clock.systemUTC(), new ManagementPasswords(
                    System.getenv(ManagementPasswords.ENVIRONMENT_VARIABLE), cli.password()));
        } catch (ConfigException e) {
            LOG.error("Cannot start: {}", e.getMessage());
            stopLogging();
            System.exit(1);
            return;
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot start: {}", e.toString());
            stopLogging();
            System.exit(1);
            return;
        }
        HangupSignal.onHangup(server::reload);
        LOG.info("Ready in {} ms (version {})", (System.nanoTime() - started) / 1_000_000, version());
        awaitSignal(server);
    }

    private static int login(CommandLine cli) {
        int code;
        try {
            ProxyConfig config = loadConfig(cli.config());
            code = new LoginCommand(cli, config, pluginsDir(cli, config), System.out, Clock.systemUTC()).run();
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot log in: {}", e.toString());
            code = 1;
        }
        stopLogging();
        return code;
    }

    private static ProxyConfig loadConfig(Path file) throws IOException {
        if (!Files.exists(file)) {
            LOG.info("No config file at {}: starting on built-in defaults (port {}, loopback callers only)",
                    file.toAbsolutePath(), ProxyConfig.DEFAULT_PORT);
            return ConfigLoader.defaults();
        }
        return ConfigLoader.load(file);
    }

    private static Path pluginsDir(CommandLine cli, ProxyConfig config) {
        if (cli.pluginsDir() != null) {
            return cli.pluginsDir();
        }
        Path configured = Path.of(config.plugins().dir());
        if (configured.isAbsolute()) {
            return configured;
        }
        String home = System.getProperty("cliproxy.home");
        boolean explicit = config.raw().path("plugins").has("dir");
        if (!explicit && home != null) {
            return Path.of(home).resolve(configured);
        }
        return config.source() != null ? config.source().getParent().resolve(configured) : configured;
    }

    private static void awaitSignal(ProxyServer server) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            LOG.info("Shutting down");
            server.close();
            stopLogging();
            stopped.countDown();
            Runtime.getRuntime().halt(0);
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes out the log lines still queued for the background writer (see {@code server.LogConfigurator}). */
    private static void stopLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
