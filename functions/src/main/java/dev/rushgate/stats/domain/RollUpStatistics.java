package dev.rushgate.stats.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies every listed event's live counts into the statistics store, a minute a row, with its durable numbers and its
 * most refused users. Exact however often it runs, and after a crash: each minute is written as the absolute count of
 * its seconds (writing it again writes the same row, or a larger one while the minute is under way), refused users as
 * the cache's running totals, and an event's progress (the whole minutes it will not read again after
 * {@link #REREAD_MINUTES}) moves in the transaction that writes its minutes (docs/statistics.md).
 */
public final class RollUpStatistics {
    /** A call decided at {@code now} may count into that second a little later: a minute is whole this long after it. */
    static final long GRACE_SECONDS = 10;
    /** Minutes already rolled up that are read again, for counts that came later than {@link #GRACE_SECONDS}. */
    static final int REREAD_MINUTES = 2;
    static final int MAX_EVENTS = 1_000;
    /**
     * An event with no answers in the minutes a run would read again is rolled up at most this often by one execution
     * environment (only its progress and durable numbers would move): the local stack runs the job every few seconds
     * over every event it ever defined, while the cloud's once a minute never skips. Skipping a run changes no number;
     * it is as if the job had not run.
     */
    static final long QUIET_EVERY_SECONDS = 50;
    static final int MAX_REFUSED_USERS = 100;

    private final LiveTallies tallies;
    private final Map<String, EventFacts> factsByKind;
    private final StatisticsStore store;
    private final Clock clock;
    private final Map<String, Instant> quietRolledUpAt = new ConcurrentHashMap<>();

    public RollUpStatistics(LiveTallies tallies, Map<String, EventFacts> factsByKind, StatisticsStore store,
                            Clock clock) {
        this.tallies = tallies;
        this.factsByKind = Map.copyOf(factsByKind);
        this.store = store;
        this.clock = clock;
    }

    /** What one run did: events rolled up, minutes written, minutes found already gone from the cache. */
    public record Result(int events, int minutes, long missedMinutes) {}

    public Result rollUp() {
        Instant now = clock.instant();
        long end = floorMinute(now.getEpochSecond() - GRACE_SECONDS);
        long keptFrom = ceilMinute(now.getEpochSecond() - tallies.window() + 1);
        int events = 0;
        int minutes = 0;
        long missed = 0;
        for (LiveTallies.Listed event : tallies.events(MAX_EVENTS)) {
            EventFacts facts = factsByKind.get(event.kind());
            if (facts == null) continue; // a kind without statistics (the feed, should it be listed)
            if (quietSince(event, end, now)) continue;
            Optional<EventFacts.Facts> known = facts.read(event.id());
            if (known.isEmpty()) continue; // deleted
            Plan plan = new Plan(event, known.get(), end, keptFrom, now);
            store.rollUp(event.kind(), event.id(), plan::apply);
            events++;
            minutes += plan.written;
            missed += plan.missed;
        }
        return new Result(events, minutes, missed);
    }

    /** Whether the event had no answers lately and was rolled up less than {@link #QUIET_EVERY_SECONDS} ago. */
    private boolean quietSince(LiveTallies.Listed event, long end, Instant now) {
        String key = event.kind() + "/" + event.id();
        // whether anything was counted, not what: the counts themselves are read under the event's lock (Plan)
        if (tallies.anyIn(event.kind(), event.id(), end - REREAD_MINUTES * 60L, floorMinute(now.getEpochSecond()))) {
            quietRolledUpAt.remove(key);
            return false;
        }
        Instant last = quietRolledUpAt.get(key);
        if (last != null && last.plusSeconds(QUIET_EVERY_SECONDS).isAfter(now)) return true;
        quietRolledUpAt.put(key, now);
        return false;
    }

    /** One event's roll-up, computed under its lock from the progress the store holds. */
    private final class Plan {
        private final LiveTallies.Listed event;
        private final EventFacts.Facts facts;
        private final long end;
        private final long keptFrom;
        private final Instant now;
        int written;
        long missed;

        Plan(LiveTallies.Listed event, EventFacts.Facts facts, long end, long keptFrom, Instant now) {
            this.event = event;
            this.facts = facts;
            this.end = end;
            this.keptFrom = keptFrom;
            this.now = now;
        }

        StatisticsStore.RollUp apply(Optional<Instant> rolledTo) {
            // an event never rolled up starts at the minute it was defined
            long progress = rolledTo.map(Instant::getEpochSecond)
                    .orElse(floorMinute(Math.floorDiv(event.definedAtMillis(), 1000L)));
            long from = Math.max(rolledTo.isPresent() ? progress - REREAD_MINUTES * 60L : progress, keptFrom);
            // minutes never rolled up whose seconds have left the cache: counted once, as progress passes them
            missed = Math.max(0, Math.min(keptFrom, end) - progress) / 60;
            // the minute under way too: it is written as it stands and written again, whole, by the next runs
            List<StatisticsStore.Minute> minutes = new ArrayList<>();
            tallies.minutes(event.kind(), event.id(), from, floorMinute(now.getEpochSecond()))
                    .forEach((minute, counts) -> minutes.add(new StatisticsStore.Minute(Instant.ofEpochSecond(minute),
                            counts)));
            written = minutes.size();
            return new StatisticsStore.RollUp(facts.ownerId(), facts.roomId(), facts.durable(), minutes,
                    tallies.refusedUsers(event.kind(), event.id(), MAX_REFUSED_USERS), missed,
                    Instant.ofEpochSecond(Math.max(end, progress)), now);
        }
    }

    static long floorMinute(long epochSecond) {
        return Math.floorDiv(epochSecond, 60L) * 60L;
    }

    static long ceilMinute(long epochSecond) {
        return -Math.floorDiv(-epochSecond, 60L) * 60L;
    }
}
