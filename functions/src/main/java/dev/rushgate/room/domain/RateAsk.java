package dev.rushgate.room.domain;

import dev.rushgate.platform.errors.BadInput;

/** What an operator asks of a room's admission rate: stop admitting, admit again at the rate it had, or a new rate. */
public sealed interface RateAsk {

    /** The audit log's name for it. */
    String action();

    /** Rate 0, remembering the rate it had so that {@link Resume} restores it. */
    record Pause() implements RateAsk {
        @Override public String action() { return "pause"; }
    }

    /** Back to the rate the last pause stopped. */
    record Resume() implements RateAsk {
        @Override public String action() { return "resume"; }
    }

    /** A new rate (0 pauses, as {@link Pause}). */
    record SetTo(int admitPerSecond) implements RateAsk {
        public SetTo {
            if (admitPerSecond < 0 || admitPerSecond > Room.MAX_RATE) {
                throw new BadInput("invalid-field", "admitPerSecond must be 0 to " + Room.MAX_RATE);
            }
        }

        @Override public String action() { return "change-rate"; }
    }
}
