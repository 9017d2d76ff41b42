package dev.rushgate.stats.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An event's statistics as its owner reads them (CONTRACT.md, "Statistics"): every number is of whole minutes rolled
 * up before {@code rolledTo}; {@code complete} is false when some minutes had left the cache before they were rolled up.
 *
 * @param totals       answers over all minutes, by answer
 * @param funnel       the event's stages in order, each with how many reached it
 * @param refusals     refusals by reason (the answers that are refusals)
 * @param refusedUsers the users refused most often, most first: candidates for abuse
 * @param minutes      answers per whole minute, oldest first
 */
public record EventStatistics(String kind, String id, String ownerId, String roomId, Instant rolledTo,
                              Instant rolledAt, boolean complete, long missedMinutes, Map<String, Long> totals,
                              List<Stage> funnel, Map<String, Long> refusals, List<RefusedUser> refusedUsers,
                              List<MinuteCounts> minutes) {

    /** One step of the funnel: entered, admitted, requests, claimed/held/voted, confirmed/paid/counted. */
    public record Stage(String stage, long count) {}

    public record RefusedUser(String userId, long refusals) {}

    public record MinuteCounts(Instant minute, Map<String, Long> counts) {}
}
