package dev.rushgate.drops.domain;

import dev.rushgate.model.ClaimAccepted;

/** Where accepted claims go to be stored durably. {@link #send} returns only once the queue has it. */
public interface ClaimQueue {
    void send(ClaimAccepted claim);
}
