package dev.cliproxy.host;

import dev.cliproxy.api.DeviceCode;
import dev.cliproxy.api.DeviceLogin;
import dev.cliproxy.api.LoginException;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.TokenFile;
import dev.cliproxy.host.authfiles.AuthDirectory;
import dev.cliproxy.host.authfiles.TokenFileStore;
import dev.cliproxy.host.config.ProxyConfig;
import dev.cliproxy.host.oauth.AccountFiles;
import dev.cliproxy.host.oauth.AccountLogins;
import dev.cliproxy.host.oauth.Browser;
import dev.cliproxy.host.oauth.LoginSession;
import dev.cliproxy.host.oauth.LoginSessions;
import dev.cliproxy.host.plugins.PluginCatalog;
import dev.cliproxy.host.plugins.Providers;
import dev.cliproxy.host.services.PluginServices;
import dev.cliproxy.host.upstream.OkHttpUpstreamHttp;
import dev.cliproxy.host.upstream.WholeAnswerCaller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code --claude-login}, {@code --codex-login}, {@code --codex-device-login}, {@code --login NAME}: logs one
 * account in without starting the server, writes its token file (0600) into {@code auth-dir} and returns the exit
 * code (0 saved, 1 failed, 2 no such login). What the user must do (the URL, the device code) goes to {@code out}.
 */
final class LoginCommand {

    private final CommandLine cli;
    private final ProxyConfig config;
    private final Path pluginsDir;
    private final PrintStream out;
    private final Clock clock;

    LoginCommand(CommandLine cli, ProxyConfig config, Path pluginsDir, PrintStream out, Clock clock) {
        this.cli = cli;
        this.config = config;
        this.pluginsDir = pluginsDir;
        this.out = out;
        this.clock = clock;
    }

    int run() {
        AuthDirectory.ensurePrivate(config.authDir());
        TokenFileStore store = new TokenFileStore(config::authDir, () -> {
        });
        try (OkHttpUpstreamHttp http = new OkHttpUpstreamHttp(() -> config)) {
            PluginServices services = new PluginServices(clock, new SimpleMeterRegistry(), new WholeAnswerCaller(http),
                    store);
            try (PluginCatalog plugins = PluginCatalog.open(pluginsDir, services)) {
                Providers enabled = plugins.enabled(config.plugins());
                Optional<AccountLogins.Entry> login = new AccountLogins(() -> enabled).byName(cli.login());
                if (login.isEmpty()) {
                    out.println("No provider offers a login named '" + cli.login() + "'");
                    return 2;
                }
                AccountFiles files = new AccountFiles(store);
                ProviderConfig view = new ProviderConfig(config.raw(), List.of(), config.proxyUrl());
                return cli.device() ? device(login.get(), files, services, view)
                        : browser(login.get(), files, services, view);
            }
        }
    }

    private int browser(AccountLogins.Entry login, AccountFiles files, PluginServices services, ProviderConfig view) {
        try (LoginSessions sessions = new LoginSessions(files, services, () -> view)) {
            LoginSession session = sessions.start(login, cli.callbackPort(),
                    cli.projectId().isBlank() ? Map.of() : Map.of("project_id", cli.projectId().trim()));
            out.println("Open this URL in a browser to log in to " + login.name() + ":");
            out.println(session.url());
            out.flush();
            if (!cli.noBrowser()) {
                Browser.open(session.url());
            }
            if (!session.await(LoginSessions.LIFETIME.toSeconds(), TimeUnit.SECONDS)) {
                out.println("Login failed: Timeout waiting for OAuth callback");
                return 1;
            }
            return report(session.status() == LoginSession.Status.OK, session.file(), session.message());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int device(AccountLogins.Entry entry, AccountFiles files, PluginServices services, ProviderConfig view) {
        Optional<DeviceLogin> device = entry.login().deviceLogin();
        if (device.isEmpty()) {
            out.println(entry.name() + " has no device login");
            return 2;
        }
        try {
            DeviceCode code = device.get().start(view, services);
            out.println("Open " + code.verificationUrl() + " and enter the code " + code.userCode());
            out.flush();
            if (!cli.noBrowser()) {
                Browser.open(code.verificationUrl());
            }
            Instant deadline = clock.instant().plus(code.expiresIn());
            while (clock.instant().isBefore(deadline)) {
                Thread.sleep(code.interval().toMillis());
                Optional<TokenFile> file = device.get().poll(code, view, services);
                if (file.isPresent()) {
                    files.save(file.get());
                    return report(true, file.get().name(), "");
                }
            }
            return report(false, "", "the device code expired");
        } catch (LoginException e) {
            return report(false, "", e.getMessage());
        } catch (IOException e) {
            return report(false, "", "Failed to save authentication tokens: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int report(boolean ok, String file, String message) {
        out.println(ok ? "Saved " + config.authDir().resolve(file) : "Login failed: " + message);
        out.flush();
        return ok ? 0 : 1;
    }
}
