package dev.rushgate.votes.domain;

import dev.rushgate.model.VoteAccepted;

import java.util.List;
import java.util.function.Consumer;

/** Every vote, stored once by its id (DynamoDB): the record the tallies can always be rebuilt from. */
public interface VoteLedger {

    /** Stores the votes not stored yet; a vote already stored is left as it is. */
    void storeAll(List<VoteAccepted> votes);

    /** Hands every stored vote of the poll to {@code sink}, in no particular order. */
    void forEach(String pollId, Consumer<VoteAccepted> sink);
}
