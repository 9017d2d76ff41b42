package dev.rushgate.drops.domain;

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
 * Refusals from memory. Once the stock has refused a claim on a drop as sold out or closed, this execution
 * environment answers the next claims of that drop itself for a short, bounded time, so a rush of a million claims
 * for 100 coupons costs the cache a call per environment per {@code bound}, not a call per claim.
 *
 * <p>Correctness is the stock's: the first refusal always comes from it; a caller who holds a unit (who may be
 * replaying an accepted claim) is always sent to it; a caller outside the drop's room is sent to it; and after
 * {@code bound} the stock is asked again, so a re-stocked or re-opened drop is seen within it. Drops whose holders do
 * not fit {@link #MOST_HOLDERS} are never remembered.
 */
public final class RememberedRefusals implements Stock {
    /** Larger drops cost more to remember than the calls they would save. */
    public static final int MOST_HOLDERS = 10_000;

    private record Memory(RefusalState state, long until) {}

    private final Stock stock;
    private final Function<String, Optional<RefusalState>> states;
    private final long boundNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Memory> memory = new ConcurrentHashMap<>();
    private final AnsweredFromMemory answered = new AnsweredFromMemory();

    /**
     * @param states a drop's refusal state, read from the same place the stock decides in
     * @param bound  how long a refusal is remembered
     */
    public RememberedRefusals(Stock stock, Function<String, Optional<RefusalState>> states, Duration bound,
                              LongSupplier nanoTime) {
        this.stock = stock;
        this.states = states;
        this.boundNanos = bound.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public ClaimDecision claim(String dropId, String userId, String claimId, Instant now, String idempotencyKey,
                               String admittedRoom) {
        Memory remembered = memory.get(dropId);
        if (remembered != null) {
            if (nanoTime.getAsLong() - remembered.until() >= 0) {
                memory.remove(dropId, remembered);
            } else {
                Optional<String> code = remembered.state().refusal(userId, now.toEpochMilli(), admittedRoom);
                if (code.isPresent()) {
                    answered.add(dropId, code.get());
                    return new ClaimDecision.Refused(code.get());
                }
            }
        }
        Map<String, Long> carried = answered.take(dropId);
        ClaimDecision decision;
        try {
            decision = stock.claim(dropId, userId, claimId, now, idempotencyKey, admittedRoom, carried);
        } catch (RuntimeException e) {
            answered.giveBack(dropId, carried);
            throw e;
        }
        if (boundNanos > 0 && decision instanceof ClaimDecision.Refused refused
                && (refused.code().equals("sold-out") || refused.code().equals("closed"))) {
            states.apply(dropId).filter(s -> s.holders().size() <= MOST_HOLDERS)
                    .ifPresent(s -> memory.put(dropId, new Memory(s, nanoTime.getAsLong() + boundNanos)));
        }
        return decision;
    }

    @Override
    public void define(Drop drop) {
        memory.remove(drop.dropId());
        stock.define(drop);
    }

    @Override
    public boolean amend(Drop drop) {
        memory.remove(drop.dropId());
        return stock.amend(drop);
    }

    @Override
    public Optional<StockLevel> level(String dropId) {
        return stock.level(dropId);
    }

    @Override
    public Optional<dev.rushgate.model.ClaimAccepted> accepted(String dropId, String claimId) {
        return stock.accepted(dropId, claimId);
    }

    @Override
    public void settled(String dropId, String claimId) {
        stock.settled(dropId, claimId);
    }

    @Override
    public List<dev.rushgate.model.ClaimAccepted> unsent(String dropId, Instant acceptedBefore, int max) {
        return stock.unsent(dropId, acceptedBefore, max);
    }
}
