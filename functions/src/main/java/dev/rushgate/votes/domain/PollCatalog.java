package dev.rushgate.votes.domain;

import java.util.List;
import java.util.Optional;

/** The durable record of polls (PostgreSQL), from which the cache is reloaded. */
public interface PollCatalog {

    /** Creates or replaces the poll; @return true when it is new */
    boolean save(Poll poll);

    Optional<Poll> find(String pollId);

    /** Every poll still accepting votes or closed less than a day ago: those whose outbox may hold votes. */
    List<String> recentPollIds();
}
