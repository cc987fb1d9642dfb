package dev.cliproxy.host.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private final FakeProvider provider = new FakeProvider();

    private Map<String, Integer> count(Scheduler s, CandidatePool pool, int picks, Set<String> ineligible) {
        Map<String, Integer> n = new HashMap<>();
        for (int i = 0; i < picks; i++) {
            Candidate c = s.pick(pool, x -> !ineligible.contains(x.credentialId()));
            n.merge(c.credentialId(), 1, Integer::sum);
        }
        return n;
    }

    @Test
    void roundRobinVisitsEachCandidateOncePerTurnAndSkipsIneligibleOnes() {
        CandidatePool pool = CandidatePool.of("m", List.of(provider.candidate("a"), provider.candidate("b"),
                provider.candidate("c")));
        assertEquals(Map.of("a", 100, "b", 100, "c", 100), count(Scheduler.forStrategy("round-robin"), pool, 300,
                Set.of()));
        Map<String, Integer> withoutB = count(Scheduler.forStrategy("round-robin"), pool, 300, Set.of("b"));
        assertEquals(300, withoutB.get("a") + withoutB.get("c"));
        assertNull(withoutB.get("b"));
    }

    @Test
    void higherPriorityTierWinsWhileAnyOfItIsEligible() {
        CandidatePool pool = CandidatePool.of("m", List.of(provider.candidate("low", "up", 1, 0),
                provider.candidate("high1", "up", 1, 5), provider.candidate("high2", "up", 1, 5)));
        Map<String, Map<String, Integer>> expected = Map.of(
                "round-robin", Map.of("high1", 5, "high2", 5),
                "weighted-round-robin", Map.of("high1", 5, "high2", 5),
                "fill-first", Map.of("high1", 10));
        expected.forEach((strategy, shares) -> {
            Scheduler s = Scheduler.forStrategy(strategy);
            assertEquals(shares, count(s, pool, 10, Set.of()), strategy);
            assertEquals("low", s.pick(pool, x -> x.credentialId().equals("low")).credentialId(), strategy);
            assertNull(s.pick(pool, x -> false), strategy);
        });
    }

    @Test
    void fillFirstKeepsTheFirstEligibleInConfigOrder() {
        CandidatePool pool = CandidatePool.of("m", List.of(provider.candidate("z"), provider.candidate("a")));
        Scheduler s = Scheduler.forStrategy("fill-first");
        assertEquals(Map.of("z", 50), count(s, pool, 50, Set.of()));
        assertEquals(Map.of("a", 50), count(s, pool, 50, Set.of("z")));
    }

    @Test
    void weightedRoundRobinGivesExactSharesPerCycleInterleaved() {
        CandidatePool pool = CandidatePool.of("m", List.of(provider.candidate("a", "up", 1, 0),
                provider.candidate("b", "up", 3, 0), provider.candidate("c", "up", 6, 0),
                provider.candidate("off", "up", 0, 0)));
        Scheduler s = Scheduler.forStrategy("weighted-round-robin");
        assertEquals(Map.of("a", 100, "b", 300, "c", 600), count(s, pool, 1000, Set.of()));

        List<String> cycle = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            cycle.add(s.pick(pool, x -> true).credentialId());
        }
        int longestRun = 1;
        for (int i = 1, run = 1; i < cycle.size(); i++) {
            run = cycle.get(i).equals(cycle.get(i - 1)) ? run + 1 : 1;
            longestRun = Math.max(longestRun, run);
        }
        assertTrue(longestRun <= 3, "picks are interleaved, not in runs of the weight: " + cycle);

        Map<String, Integer> withoutC = count(s, pool, 400, Set.of("c"));
        assertEquals(400, withoutC.get("a") + withoutC.get("b"), "an ineligible owner hands over to the others");
    }

    @Test
    void weightedRoundRobinWithOnlyZeroWeightsPicksNothing() {
        CandidatePool pool = CandidatePool.of("m", List.of(provider.candidate("a", "up", 0, 0)));
        assertNull(Scheduler.forStrategy("weighted-round-robin").pick(pool, x -> true));
    }

    @Test
    void binarySearchFindsTheOwnerOfEveryWeightedSlot() {
        CandidatePool pool = CandidatePool.of("m", List.of(provider.candidate("a", "up", 2, 0),
                provider.candidate("zero", "up", 0, 0), provider.candidate("b", "up", 3, 0)));
        CandidatePool.Tier tier = pool.tiers()[0];
        int[] owners = new int[5];
        for (int slot = 0; slot < 5; slot++) {
            owners[slot] = tier.memberAt(slot);
        }
        assertEquals(List.of(0, 0, 2, 2, 2), java.util.Arrays.stream(owners).boxed().toList());
        assertSame(tier.members[2], pool.candidates().get(2));
    }
}
