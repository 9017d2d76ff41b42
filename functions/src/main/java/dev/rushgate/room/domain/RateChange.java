package dev.rushgate.room.domain;

/** How a room's admission rate answered an operator's {@link RateAsk}. */
public sealed interface RateChange {

    /** The rate is now {@code after}; admissions due at {@code before} up to the change were made first. */
    record Changed(int before, int after) implements RateChange {}

    /** A resume of a room that is admitting (at {@code rate}): nothing changed. */
    record NotPaused(int rate) implements RateChange {}

    /** A resume of a room whose terms set rate 0 and was never paused from a higher one: no rate to go back to. */
    record NothingToResume() implements RateChange {}

    record UnknownRoom() implements RateChange {}
}
