package dev.rushgate.votes.domain;

/** The way accepted votes travel to storage, seen from outside: the votes topic, its consumers and where they fail. */
public interface VotePipeline {

    /**
     * True when every consumer of the votes topic has consumed everything in it, and none has set a failed batch
     * aside (its on-failure queue is empty).
     */
    boolean drained();
}
