package dev.cliproxy.host.state;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.host.auth.ClientKeys;
import dev.cliproxy.host.authfiles.AuthDirectory;
import dev.cliproxy.host.config.LiveConfig;
import dev.cliproxy.host.config.ProxyConfig;
import dev.cliproxy.host.plugins.ProviderSource;
import dev.cliproxy.host.plugins.Providers;
import dev.cliproxy.host.routing.ModelRegistry;
import dev.cliproxy.host.routing.OAuthModels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live {@link RuntimeState}. {@link #apply} builds a new state from a config (asking every provider that
 * {@code plugins.enabled} enables for its credentials and reading {@code auth-dir}) and swaps it in atomically;
 * listeners then see the new state. {@link #rebuild} does the same for the live config when the set of loaded
 * plugins changed.
 */
public final class LiveState implements LiveConfig {

    private static final Logger LOG = LoggerFactory.getLogger(LiveState.class);

    private final ProviderSource providers;
    private final AtomicReference<RuntimeState> current = new AtomicReference<>();
    private final List<Consumer<RuntimeState>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock applyLock = new ReentrantLock();

    public LiveState(ProviderSource providers, ProxyConfig initial) {
        this.providers = providers;
        apply(initial);
    }

    /** The state new requests use. */
    public RuntimeState current() {
        return current.get();
    }

    /** The live config. */
    @Override
    public ProxyConfig config() {
        return current.get().config();
    }

    /** The providers of the current state: those of the enabled plugins. */
    public Providers providers() {
        return new Providers(List.copyOf(current.get().credentials().keySet()));
    }

    /** Runs {@code listener} after every swap. */
    public void onChange(Consumer<RuntimeState> listener) {
        listeners.add(listener);
    }

    @Override
    public void makeLive(ProxyConfig config) {
        apply(config);
    }

    /** Builds the state again for the live config (after plugins were loaded or unloaded); returns it. */
    public RuntimeState rebuild() {
        applyLock.lock();
        try {
            return apply(current.get().config());
        } finally {
            applyLock.unlock();
        }
    }

    /** Builds the state for {@code config}, swaps it in and notifies listeners; returns it. */
    public RuntimeState apply(ProxyConfig config) {
        applyLock.lock();
        try {
            AuthDirectory.ensureExists(config.authDir());
            List<ProviderConfig.AuthFile> authFiles = AuthDirectory.read(config.authDir());
            ProviderConfig view = new ProviderConfig(config.raw(), authFiles, config.proxyUrl());
            Map<ProviderPlugin, List<Credential>> credentials = new LinkedHashMap<>();
            for (ProviderPlugin p : providers.enabled(config.plugins()).all()) {
                credentials.put(p, readCredentials(p, view));
            }
            RuntimeState next = new RuntimeState(config, java.util.Collections.unmodifiableMap(credentials),
                    ModelRegistry.build(credentials, config.forceModelPrefix(),
                            OAuthModels.of(config.raw(), authFiles)), new ClientKeys(config.apiKeys()));
            current.set(next);
            LOG.info("Config applied: {} credential(s), {} model(s), {} client key(s)",
                    next.allCredentials().size(), next.models().listing().size(), config.apiKeys().size());
            for (Consumer<RuntimeState> l : listeners) {
                try {
                    l.accept(next);
                } catch (RuntimeException e) {
                    LOG.error("Config listener failed", e);
                }
            }
            return next;
        } finally {
            applyLock.unlock();
        }
    }

    private static List<Credential> readCredentials(ProviderPlugin p, ProviderConfig view) {
        try {
            return List.copyOf(p.credentials(view));
        } catch (RuntimeException e) {
            LOG.error("Provider '{}' could not read its credentials; it serves nothing until the next reload",
                    p.id(), e);
            return List.of();
        }
    }
}
