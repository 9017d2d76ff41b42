package dev.rushgate.votes.domain;

import dev.rushgate.model.VoteAccepted;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a batch of accepted votes durable: each vote stored once in the ledger, then counted once in the
 * tallies (which also records the alerts the new counts fired), then the fired alerts sent. A batch handled
 * again, whole or in part, changes no count: both steps are idempotent by vote id, and the ledger goes first,
 * so a vote is never counted without being stored.
 */
public final class CountVotes {
    private final PollCatalog catalog;
    private final VoteLedger ledger;
    private final TallyBook tallies;
    private final SendPollAlerts alerts;

    public CountVotes(PollCatalog catalog, VoteLedger ledger, TallyBook tallies, SendPollAlerts alerts) {
        this.catalog = catalog;
        this.ledger = ledger;
        this.tallies = tallies;
        this.alerts = alerts;
    }

    /**
     * @return how many votes were newly counted
     * @throws PoisonVote when a vote names a poll or option that does not exist: nothing of the batch is counted
     */
    public int count(List<VoteAccepted> votes) {
        if (votes.isEmpty()) return 0;
        Set<String> pollIds = new LinkedHashSet<>();
        votes.forEach(v -> pollIds.add(v.pollId()));
        Map<String, Poll> polls = new HashMap<>();
        for (String pollId : pollIds) {
            polls.put(pollId, catalog.find(pollId).orElseThrow(() -> new PoisonVote("no poll " + pollId)));
        }
        for (VoteAccepted vote : votes) {
            if (!polls.get(vote.pollId()).optionIds().contains(vote.optionId())) {
                throw new PoisonVote("poll " + vote.pollId() + " has no option " + vote.optionId());
            }
        }
        ledger.storeAll(votes);
        if (polls.values().stream().anyMatch(p -> !p.alerts().isEmpty())) alerts.expect();
        int counted = tallies.count(votes, polls);
        alerts.sendPending();
        return counted;
    }

    /** A vote that can never be counted; its batch fails until the bad record is set aside. */
    public static final class PoisonVote extends RuntimeException {
        public PoisonVote(String message) {
            super(message);
        }
    }
}
