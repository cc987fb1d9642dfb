package dev.cliproxy.host.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every candidate serving one client model name, prepared for O(1)/O(log n) selection: grouped into priority tiers
 * (highest first, each in registration order) with cumulative weights for weighted round-robin, plus the pool's
 * round-robin cursor. Immutable except for the cursor; rebuilt with the registry on every reload.
 */
public final class CandidatePool {

    /** One priority tier. */
    static final class Tier {
        final int priority;
        final Candidate[] members;
        /** {@code cumulative[i]} = sum of the positive weights of members 0..i. */
        final long[] cumulative;
        final long totalWeight;
        /** A step coprime with {@link #totalWeight}, so that slot = n * stride mod total visits every slot once. */
        final long stride;

        Tier(int priority, List<Candidate> members) {
            this.priority = priority;
            this.members = members.toArray(Candidate[]::new);
            this.cumulative = new long[this.members.length];
            long sum = 0;
            for (int i = 0; i < this.members.length; i++) {
                sum += Math.max(0, this.members[i].credential().weight());
                cumulative[i] = sum;
            }
            this.totalWeight = sum;
            this.stride = coprimeStride(sum);
        }

        /** The member owning weighted slot {@code slot} (0 <= slot < totalWeight), by binary search. */
        int memberAt(long slot) {
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] > slot) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }

        private static long coprimeStride(long total) {
            if (total <= 2) {
                return 1;
            }
            long s = Math.max(1, Math.round(total * 0.6180339887));
            while (gcd(s, total) != 1) {
                s++;
            }
            return s % total == 0 ? 1 : s;
        }

        private static long gcd(long a, long b) {
            return b == 0 ? a : gcd(b, a % b);
        }
    }

    private final String model;
    private final List<Candidate> all;
    private final Tier[] tiers;
    private final AtomicLong cursor = new AtomicLong();

    CandidatePool(String model, List<Candidate> candidates) {
        this.model = model;
        this.all = List.copyOf(candidates);
        TreeMap<Integer, List<Candidate>> byPriority = new TreeMap<>(Comparator.reverseOrder());
        for (Candidate c : all) {
            byPriority.computeIfAbsent(c.credential().priority(), k -> new ArrayList<>()).add(c);
        }
        this.tiers = byPriority.entrySet().stream().map(e -> new Tier(e.getKey(), e.getValue())).toArray(Tier[]::new);
    }

    /** A pool over {@code candidates} (in the given order) for client model {@code model}. */
    public static CandidatePool of(String model, List<Candidate> candidates) {
        return new CandidatePool(model, candidates);
    }

    /** The client model name. */
    public String model() {
        return model;
    }

    /** Every candidate in registration order. */
    public List<Candidate> candidates() {
        return all;
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    Tier[] tiers() {
        return tiers;
    }

    /** The next value of the pool's round-robin cursor. */
    long nextTurn() {
        return cursor.getAndIncrement();
    }
}
