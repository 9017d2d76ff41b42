package dev.rushgate.room.domain;

import java.time.Instant;

/** Makes a new admission signing key when the current one is old enough (or none exists yet). */
public interface KeyRotation {

    /** What one rotation run did. */
    enum Outcome {
        /** The set was empty: its first key now signs. */
        FIRST_KEY,
        /** A new key signs; the previous one verifies until its tokens have expired. */
        ROTATED,
        /** The signing key is younger than the rotation period: nothing changed. */
        NOT_DUE,
        /** Another run changed the keys between our read and our write: its keys stand, ours were dropped. */
        LOST_RACE,
        /** Keys live in this process's memory (the local stack): nothing shared to rotate. */
        IN_MEMORY
    }

    /** Rotates if due at {@code now}. */
    Outcome rotateIfDue(Instant now);
}
