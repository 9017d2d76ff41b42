package dev.rushgate.votes.domain;

import java.time.Instant;
import java.util.List;

/**
 * The live tally: {@code accepted} and each option's {@code votes} from the cache, where votes are decided;
 * {@code persisted} (in total and per option) from the durable tallies. The two converge once the consumer
 * has caught up.
 */
public record TallyView(String pollId, long accepted, long persisted, List<OptionTally> options, Instant asOf) {

    /** One option: {@code votes} accepted, of which {@code persisted} are durably counted. */
    public record OptionTally(String id, long votes, long persisted) {}
}
