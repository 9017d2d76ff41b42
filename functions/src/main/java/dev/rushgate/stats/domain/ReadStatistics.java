package dev.rushgate.stats.domain;

import dev.rushgate.platform.errors.Forbidden;
import dev.rushgate.platform.errors.NotFound;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An event's rolled-up statistics, for admins and for the event's owner. The funnel per kind:
 * <ul>
 *   <li>room: entered → admitted;</li>
 *   <li>drop: requests → claimed → confirmed (claims stored);</li>
 *   <li>show: requests → held → paid (orders paid, refunded ones included);</li>
 *   <li>poll: requests → voted → counted (votes persisted);</li>
 * </ul>
 * an event behind a waiting room starts with that room's entered → admitted.
 */
public final class ReadStatistics {
    /** The kinds of event with statistics, as they appear in paths. */
    public static final List<String> KINDS = List.of("drop", "room", "show", "poll");
    static final int MAX_REFUSED_USERS = 20;
    /** Answers that are not refusals; every other answer is one (its code). */
    static final Set<String> NOT_REFUSALS = Set.of("accepted", "replay", "held", "paying", "sold", "entered",
            "existing", "polls", "admitted", "abandoned", "expired");
    /** Answers counted by the deciding calls that are not requests to take part (a show's payments and sales). */
    private static final Set<String> NOT_REQUESTS = Set.of("paying", "sold");

    private final StatisticsStore store;

    public ReadStatistics(StatisticsStore store) {
        this.store = store;
    }

    /**
     * @param callerId the caller's user id
     * @param admin    whether the caller has the admin role; otherwise the caller must be the event's owner
     */
    public EventStatistics read(String kind, String id, String callerId, boolean admin) {
        if (!KINDS.contains(kind)) throw new NotFound("not-found", "No kind of event " + kind + ": one of " + KINDS + ".");
        StatisticsStore.Stored stored = store.read(kind, id, MAX_REFUSED_USERS)
                .orElseThrow(() -> new NotFound("not-found", "No statistics of " + kind + " " + id + " yet."));
        if (!admin && (stored.ownerId() == null || !stored.ownerId().equals(callerId))) {
            throw new Forbidden("forbidden", "Only admins and the event's owner may read its statistics.");
        }
        Map<String, Long> totals = totals(stored);
        Map<String, Long> refusals = new TreeMap<>();
        totals.forEach((answer, n) -> {
            if (!NOT_REFUSALS.contains(answer)) refusals.put(answer, n);
        });
        List<EventStatistics.RefusedUser> users = new ArrayList<>();
        stored.refusedUsers().forEach((user, n) -> users.add(new EventStatistics.RefusedUser(user, n)));
        users.sort(Comparator.comparingLong(EventStatistics.RefusedUser::refusals).reversed()
                .thenComparing(EventStatistics.RefusedUser::userId));
        return new EventStatistics(kind, id, stored.ownerId(), stored.roomId(), stored.rolledTo(), stored.rolledAt(),
                stored.missedMinutes() == 0, stored.missedMinutes(), totals, funnel(kind, stored, totals), refusals,
                users, stored.minutes().stream()
                        .map(m -> new EventStatistics.MinuteCounts(m.minute(), new TreeMap<>(m.counts()))).toList());
    }

    private List<EventStatistics.Stage> funnel(String kind, StatisticsStore.Stored stored, Map<String, Long> totals) {
        List<EventStatistics.Stage> stages = new ArrayList<>();
        if (kind.equals("room")) {
            addRoom(stages, totals);
            return stages;
        }
        if (stored.roomId() != null) {
            Map<String, Long> room = store.read("room", stored.roomId(), 0).map(ReadStatistics::totals).orElse(Map.of());
            addRoom(stages, room);
        }
        long requests = totals.entrySet().stream().filter(e -> !NOT_REQUESTS.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        stages.add(new EventStatistics.Stage("requests", requests));
        switch (kind) {
            case "drop" -> {
                stages.add(new EventStatistics.Stage("claimed", totals.getOrDefault("accepted", 0L)));
                stages.add(new EventStatistics.Stage("confirmed", stored.durable()));
            }
            case "show" -> {
                stages.add(new EventStatistics.Stage("held", totals.getOrDefault("held", 0L)));
                stages.add(new EventStatistics.Stage("paid", stored.durable()));
            }
            case "poll" -> {
                stages.add(new EventStatistics.Stage("voted", totals.getOrDefault("accepted", 0L)));
                stages.add(new EventStatistics.Stage("counted", stored.durable()));
            }
            default -> throw new IllegalStateException("no funnel for " + kind);
        }
        return stages;
    }

    private static void addRoom(List<EventStatistics.Stage> stages, Map<String, Long> room) {
        stages.add(new EventStatistics.Stage("entered", room.getOrDefault("entered", 0L)));
        stages.add(new EventStatistics.Stage("admitted", room.getOrDefault("admitted", 0L)));
    }

    private static Map<String, Long> totals(StatisticsStore.Stored stored) {
        Map<String, Long> totals = new TreeMap<>();
        stored.minutes().forEach(m -> m.counts().forEach((answer, n) -> totals.merge(answer, n, Long::sum)));
        return totals;
    }
}
