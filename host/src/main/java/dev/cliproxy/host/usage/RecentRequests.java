package dev.cliproxy.host.usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Successes and failures of one credential: totals since start, and the last {@value #BUCKETS} ten-minute buckets
 * (aligned to the epoch, as the anchor's {@code recent_requests}). Thread-safe.
 */
final class RecentRequests {

    static final int BUCKETS = 20;
    static final long BUCKET_SECONDS = 600;

    /** One bucket: its number ({@code epochSecond / 600}) and counts. */
    record Bucket(long id, long success, long failed) {
    }

    /** The totals and the buckets oldest first, ending with the current one. */
    record Snapshot(long success, long failed, List<Bucket> recent) {

        /** Field-wise sum of two snapshots taken at the same instant. */
        Snapshot plus(Snapshot other) {
            List<Bucket> sum = new ArrayList<>(recent.size());
            for (int i = 0; i < recent.size(); i++) {
                Bucket a = recent.get(i);
                Bucket b = other.recent.get(i);
                sum.add(new Bucket(a.id, a.success + b.success, a.failed + b.failed));
            }
            return new Snapshot(success + other.success, failed + other.failed, sum);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final long[] ids = new long[BUCKETS];
    private final long[] successes = new long[BUCKETS];
    private final long[] failures = new long[BUCKETS];
    private long success;
    private long failed;

    RecentRequests() {
        Arrays.fill(ids, -1);
    }

    void record(Instant now, boolean ok) {
        long id = bucket(now);
        int i = slot(id);
        lock.lock();
        try {
            if (ids[i] != id) {
                ids[i] = id;
                successes[i] = 0;
                failures[i] = 0;
            }
            if (ok) {
                successes[i]++;
                success++;
            } else {
                failures[i]++;
                failed++;
            }
        } finally {
            lock.unlock();
        }
    }

    Snapshot snapshot(Instant now) {
        long current = bucket(now);
        List<Bucket> recent = new ArrayList<>(BUCKETS);
        lock.lock();
        try {
            for (long id = current - BUCKETS + 1; id <= current; id++) {
                int i = slot(id);
                recent.add(ids[i] == id ? new Bucket(id, successes[i], failures[i]) : new Bucket(id, 0, 0));
            }
            return new Snapshot(success, failed, recent);
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of a credential with no requests. */
    static Snapshot empty(Instant now) {
        return new RecentRequests().snapshot(now);
    }

    private static long bucket(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), BUCKET_SECONDS);
    }

    private static int slot(long id) {
        return (int) Math.floorMod(id, BUCKETS);
    }
}
