package dev.rushgate.drops.domain;

import dev.rushgate.model.ClaimAccepted;
import dev.rushgate.platform.RebuildCheck;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory fakes of the drops ports, for domain tests. The real stock's rules are tested in RedisStockIT. */
final class Fakes {
    private Fakes() {}

    /** A stock whose next decision the test chooses, remembering what was accepted and settled. */
    static final class ScriptedStock implements Stock, StockRecovery {
        final List<ClaimDecision> decisions = new ArrayList<>();
        final Map<String, Drop> defined = new HashMap<>();
        final Map<String, List<StoredClaim>> restored = new HashMap<>();
        final Map<String, ClaimAccepted> outbox = new LinkedHashMap<>();
        final List<String> settled = new ArrayList<>();
        final List<String> admittedRooms = new ArrayList<>();

        @Override public void define(Drop drop) { defined.put(drop.dropId(), drop); }

        @Override
        public boolean amend(Drop drop) {
            return defined.computeIfPresent(drop.dropId(), (id, old) -> drop) != null;
        }

        @Override public boolean takeRebuild(String dropId, java.time.Duration hold) { return true; }

        /** Quiet at once when drained (a settle of 0), as the real stock does with that settle. */
        @Override
        public RebuildCheck quiet(String dropId, boolean drained, Instant now, java.time.Duration settle) {
            return defined.containsKey(dropId) ? RebuildCheck.KNOWN : drained ? RebuildCheck.REBUILD : RebuildCheck.WAIT;
        }

        @Override
        public void restore(Drop drop, List<StoredClaim> stored) {
            defined.put(drop.dropId(), drop);
            restored.put(drop.dropId(), stored);
        }

        @Override
        public ClaimDecision claim(String dropId, String userId, String claimId, Instant now, String key,
                                   String admittedRoom) {
            admittedRooms.add(admittedRoom);
            ClaimDecision next = decisions.isEmpty() ? new ClaimDecision.Accepted(claimId, false) : decisions.removeFirst();
            if (next instanceof ClaimDecision.Accepted a && !a.replay()) {
                outbox.put(claimId, new ClaimAccepted(dropId, claimId, userId, now.toEpochMilli()));
            }
            return next;
        }

        @Override public Optional<StockLevel> level(String dropId) { return Optional.empty(); }

        @Override
        public Optional<ClaimAccepted> accepted(String dropId, String claimId) {
            return Optional.ofNullable(outbox.get(claimId));
        }

        @Override
        public void settled(String dropId, String claimId) {
            settled.add(claimId);
            outbox.remove(claimId);
        }

        @Override
        public List<ClaimAccepted> unsent(String dropId, Instant before, int max) {
            return outbox.values().stream().filter(c -> c.dropId().equals(dropId))
                    .filter(c -> c.acceptedAt() < before.toEpochMilli()).limit(max).toList();
        }
    }

    /** A claims pipeline that is drained unless told otherwise, and a ledger with nothing stored. */
    static final class Pipeline implements ClaimPipeline {
        boolean drained = true;

        @Override public boolean drained() { return drained; }
    }

    static RecoverDrop recovery(ScriptedStock stock, Pipeline pipeline) {
        ClaimLedger empty = new ClaimLedger() {
            @Override public java.util.Set<String> storeAll(List<ClaimAccepted> claims) { return java.util.Set.of(); }
            @Override public Optional<StoredClaim> find(String dropId, String claimId) { return Optional.empty(); }
            @Override public Page<StoredClaim> page(String dropId, String cursor, int limit) {
                return new Page<>(List.of(), null);
            }
        };
        return new RecoverDrop(stock, pipeline, empty, java.time.Duration.ZERO);
    }

    /** A queue that can be told to fail, like SQS during an outage. */
    static final class RecordingQueue implements ClaimQueue {
        final List<ClaimAccepted> sent = new ArrayList<>();
        boolean failing;

        @Override
        public void send(ClaimAccepted claim) {
            if (failing) throw new IllegalStateException("queue unavailable");
            sent.add(claim);
        }
    }

    static final class MapCatalog implements DropCatalog {
        final Map<String, Drop> drops = new LinkedHashMap<>();

        @Override public boolean save(Drop drop) { return drops.put(drop.dropId(), drop) == null; }
        @Override public Optional<Drop> find(String dropId) { return Optional.ofNullable(drops.get(dropId)); }
        @Override public long confirmed(String dropId) { return 0; }
        @Override public List<String> dropIds() { return List.copyOf(drops.keySet()); }
    }

    static Drop drop(String id) {
        return new Drop(id, "Coupon", 100, 1, Instant.parse("2026-11-23T20:00:00Z"), null, null);
    }
}
