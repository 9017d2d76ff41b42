package dev.rushgate.stats.domain;

import java.util.Optional;

/** An event's terms and durable numbers as its own store keeps them, for one kind of event. */
public interface EventFacts {

    /**
     * @param ownerId the user who may read its statistics, or null
     * @param roomId  the waiting room in front of it, or null
     * @param durable the funnel's durable end: a drop's claims stored, a show's orders paid, a poll's votes counted
     */
    record Facts(String ownerId, String roomId, long durable) {}

    /** Empty when there is no such event (any more). */
    Optional<Facts> read(String id);
}
