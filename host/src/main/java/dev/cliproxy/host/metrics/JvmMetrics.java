package dev.cliproxy.host.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * JVM and process metrics: memory pools, GC, threads, classes, CPU, open files, uptime. Binding them loads a few
 * hundred classes, so {@link #bindInBackground} does it off the start-up path.
 */
public final class JvmMetrics implements AutoCloseable {

    private final JvmGcMetrics gc = new JvmGcMetrics();

    /** Binds every JVM and process meter to {@code registry} on a background thread; returns at once. */
    public static JvmMetrics bindInBackground(MeterRegistry registry) {
        JvmMetrics metrics = new JvmMetrics();
        Thread.ofVirtual().name("jvm-metrics-binder").start(() -> metrics.bind(registry));
        return metrics;
    }

    private JvmMetrics() {
    }

    /** Binds every JVM and process meter to {@code registry}. */
    public JvmMetrics(MeterRegistry registry) {
        bind(registry);
    }

    private void bind(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    @Override
    public void close() {
        gc.close();
    }
}
