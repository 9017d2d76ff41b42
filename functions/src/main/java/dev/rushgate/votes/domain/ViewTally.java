package dev.rushgate.votes.domain;

import dev.rushgate.platform.errors.NotFound;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a poll's live tally: accepted from the cache, persisted from the durable tallies. */
public final class ViewTally {
    private final BallotBox ballotBox;
    private final PollCatalog catalog;
    private final TallyBook tallies;
    private final Clock clock;

    public ViewTally(BallotBox ballotBox, PollCatalog catalog, TallyBook tallies, Clock clock) {
        this.ballotBox = ballotBox;
        this.catalog = catalog;
        this.tallies = tallies;
        this.clock = clock;
    }

    public TallyView view(String pollId) {
        var asOf = clock.instant();
        Map<String, Long> accepted = ballotBox.accepted(pollId).orElseGet(() -> {
            Poll poll = catalog.find(pollId).orElseThrow(() -> new NotFound("not-found", "No poll " + pollId + "."));
            ballotBox.define(poll);
            return ballotBox.accepted(pollId).orElse(Map.of());
        });
        Map<String, Long> persisted = tallies.persisted(pollId);
        List<TallyView.OptionTally> options = new ArrayList<>();
        long acceptedTotal = 0;
        long persistedTotal = 0;
        for (var entry : accepted.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            long stored = persisted.getOrDefault(entry.getKey(), 0L);
            options.add(new TallyView.OptionTally(entry.getKey(), entry.getValue(), stored));
            acceptedTotal += entry.getValue();
            persistedTotal += stored;
        }
        return new TallyView(pollId, acceptedTotal, persistedTotal, options, asOf);
    }
}
