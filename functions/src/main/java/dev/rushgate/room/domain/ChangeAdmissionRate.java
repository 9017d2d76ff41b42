package dev.rushgate.room.domain;

import dev.rushgate.ops.domain.AuditControl;
import dev.rushgate.ops.domain.AuditEntry;
import dev.rushgate.ops.domain.Control;
import dev.rushgate.platform.errors.Conflict;
import dev.rushgate.platform.errors.NotFound;

import java.time.Clock;
import java.util.Map;

/**
 * An operator's control of a room's admission rate: pause, resume, or a new rate, in effect for the next admission
 * (the line is advanced at the old rate up to now first), and recorded in the audit log with the rate before and
 * after. The rate lives where the whole room does, in the cache's room state, so no rebuild can undo it.
 */
public final class ChangeAdmissionRate {
    private final WaitingLine line;
    private final AuditControl audit;
    private final Clock clock;

    public ChangeAdmissionRate(WaitingLine line, AuditControl audit, Clock clock) {
        this.line = line;
        this.audit = audit;
        this.clock = clock;
    }

    public AuditEntry change(String who, String roomId, RateAsk ask) {
        Map<String, String> asked = ask instanceof RateAsk.SetTo to
                ? Map.of("admitPerSecond", Integer.toString(to.admitPerSecond())) : Map.of();
        return audit.run(new Control(who, ask.action(), "room", roomId, asked), () ->
                switch (line.changeRate(roomId, ask, clock.instant())) {
                    case RateChange.Changed c -> Map.of("admitPerSecondBefore", Integer.toString(c.before()),
                            "admitPerSecondAfter", Integer.toString(c.after()));
                    case RateChange.NotPaused n -> throw new Conflict("not-paused",
                            "Room " + roomId + " is admitting " + n.rate() + " a second; there is nothing to resume.");
                    case RateChange.NothingToResume n -> throw new Conflict("no-rate-to-resume",
                            "Room " + roomId + " was never paused from a rate; set one with POST .../rate.");
                    case RateChange.UnknownRoom u -> throw new NotFound("not-found", "No room " + roomId + ".");
                });
    }
}
