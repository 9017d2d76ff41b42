package dev.rushgate.votes.domain;

import dev.rushgate.model.VoteAccepted;
import dev.rushgate.platform.errors.NotFound;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recomputes a poll's persisted tallies from the votes stored in the ledger and reports every difference.
 * The ledger is the record (a vote is stored before it is counted), so the tallies are set to it. Meant for
 * after the stream is drained: a vote stored but not yet counted shows as a difference and is counted here,
 * once (its later counting finds it counted).
 */
public final class RebuildTally {
    private final PollCatalog catalog;
    private final VoteLedger ledger;
    private final TallyBook tallies;

    public RebuildTally(PollCatalog catalog, VoteLedger ledger, TallyBook tallies) {
        this.catalog = catalog;
        this.ledger = ledger;
        this.tallies = tallies;
    }

    public RebuildReport rebuild(String pollId) {
        Poll poll = catalog.find(pollId).orElseThrow(() -> new NotFound("not-found", "No poll " + pollId + "."));
        Map<String, Long> stored = new HashMap<>();
        Map<String, VoteAccepted> votes = new HashMap<>();
        ledger.forEach(pollId, vote -> {
            if (votes.putIfAbsent(vote.voteId(), vote) == null) stored.merge(vote.optionId(), 1L, Long::sum);
        });
        Map<String, Long> before = tallies.replace(pollId, stored, votes.values());
        List<RebuildReport.OptionCount> options = new ArrayList<>();
        List<RebuildReport.OptionCount> differences = new ArrayList<>();
        Set<String> optionIds = new java.util.TreeSet<>(poll.optionIds());
        optionIds.addAll(stored.keySet());
        optionIds.addAll(before.keySet());
        long countedBefore = 0;
        for (String id : optionIds) {
            var count = new RebuildReport.OptionCount(id, stored.getOrDefault(id, 0L), before.getOrDefault(id, 0L));
            options.add(count);
            countedBefore += count.countedBefore();
            if (count.stored() != count.countedBefore()) differences.add(count);
        }
        return new RebuildReport(pollId, votes.size(), countedBefore, options, differences, differences.isEmpty());
    }
}
