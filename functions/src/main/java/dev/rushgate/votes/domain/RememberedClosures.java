package dev.rushgate.votes.domain;

import dev.rushgate.model.VoteAccepted;
import dev.rushgate.platform.AnsweredFromMemory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Refusals of a closed poll from memory. Once the ballot box has refused a vote because the poll closed, this
 * execution environment answers the next votes of that poll itself for a short, bounded time, so the late voters of
 * a live vote cost the cache a call per environment per {@code bound}, not a call per vote.
 *
 * <p>Correctness is the ballot box's: the first refusal always comes from it; a vote with an Idempotency-Key (which may
 * be a replay of an accepted vote) is always sent to it; the refusal from memory is the one {@code vote-cast.lua}
 * gives a vote without a key, checked in the same order (room, option, closed); and after {@code bound} the ballot box
 * is asked again, so a poll re-opened by another environment is seen within it.
 */
public final class RememberedClosures implements BallotBox {
    private record Memory(ClosedPoll poll, long until) {}

    private final BallotBox ballotBox;
    private final Function<String, Optional<ClosedPoll>> closedPolls;
    private final long boundNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Memory> memory = new ConcurrentHashMap<>();
    private final AnsweredFromMemory answered = new AnsweredFromMemory();

    /**
     * @param closedPolls a poll's terms, read from the same place the ballot box decides in
     * @param bound       how long a closed poll is remembered (zero: never)
     */
    public RememberedClosures(BallotBox ballotBox, Function<String, Optional<ClosedPoll>> closedPolls, Duration bound,
                              LongSupplier nanoTime) {
        this.ballotBox = ballotBox;
        this.closedPolls = closedPolls;
        this.boundNanos = bound.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public VoteDecision cast(String pollId, String userId, String voteId, String optionId, Instant now,
                             String admittedRoom, String idempotencyKey) {
        Memory remembered = memory.get(pollId);
        if (remembered != null) {
            if (nanoTime.getAsLong() - remembered.until() >= 0) {
                memory.remove(pollId, remembered);
            } else if (idempotencyKey == null || idempotencyKey.isEmpty()) {
                Optional<String> code = remembered.poll().refusal(optionId, now.toEpochMilli(), admittedRoom);
                if (code.isPresent()) {
                    answered.add(pollId, code.get());
                    return new VoteDecision.Refused(code.get());
                }
            }
        }
        Map<String, Long> carried = answered.take(pollId);
        VoteDecision decision;
        try {
            decision = ballotBox.cast(pollId, userId, voteId, optionId, now, admittedRoom, idempotencyKey, carried);
        } catch (RuntimeException e) {
            answered.giveBack(pollId, carried);
            throw e;
        }
        if (boundNanos > 0 && decision instanceof VoteDecision.Refused refused && refused.code().equals("closed")) {
            closedPolls.apply(pollId)
                    .ifPresent(p -> memory.put(pollId, new Memory(p, nanoTime.getAsLong() + boundNanos)));
        }
        return decision;
    }

    @Override
    public void define(Poll poll) {
        memory.remove(poll.pollId());
        ballotBox.define(poll);
    }

    @Override
    public boolean amend(Poll poll) {
        memory.remove(poll.pollId());
        return ballotBox.amend(poll);
    }

    @Override
    public Optional<Map<String, Long>> accepted(String pollId) {
        return ballotBox.accepted(pollId);
    }

    @Override
    public void settled(VoteAccepted vote) {
        ballotBox.settled(vote);
    }

    @Override
    public void settledAll(List<VoteAccepted> votes) {
        ballotBox.settledAll(votes);
    }

    @Override
    public List<String> recentPolls(Instant closingSince) {
        return ballotBox.recentPolls(closingSince);
    }

    @Override
    public List<VoteAccepted> unsent(String pollId, Instant acceptedBefore, int max) {
        return ballotBox.unsent(pollId, acceptedBefore, max);
    }
}
