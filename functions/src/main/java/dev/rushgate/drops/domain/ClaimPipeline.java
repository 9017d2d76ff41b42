package dev.rushgate.drops.domain;

/** The way accepted claims travel to storage, seen from outside: the claims queue and its dead-letter queue. */
public interface ClaimPipeline {

    /** True when neither the claims queue nor its dead-letter queue holds a message, visible, in flight or delayed. */
    boolean drained();
}
