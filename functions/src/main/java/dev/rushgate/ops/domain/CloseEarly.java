package dev.rushgate.ops.domain;

import dev.rushgate.platform.errors.Conflict;
import dev.rushgate.platform.errors.NotFound;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An operator's early close of an event with a window (a drop, a poll): its window ends now. The event's {@code store}
 * writes the stored terms first (what an event the cache lost is rebuilt with), then the cache that decides, so every
 * request from then on is 409 {@code closed}; what was accepted before stays accepted. Recorded in the audit log with
 * {@code closesAt} before and after. An event that has closed already, or has not opened (change its terms instead),
 * is refused and changes nothing.
 */
public final class CloseEarly {
    /** An event whose window an operator may end early. */
    public interface Window<T> {
        Instant opensAt();

        /** When it closes; null for never (a drop open until its stock runs out). */
        Instant closesAt();

        /** The same event, every term kept, with its window ending at {@code at}. */
        T closingAt(Instant at);
    }

    private final AuditControl audit;
    private final Clock clock;

    public CloseEarly(AuditControl audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** Closes the event {@code kind}/{@code id} that {@code find} reads; {@code store} stores it closed. */
    public <T extends Window<T>> AuditEntry close(String who, String kind, String id,
                                                  Function<String, Optional<T>> find, Consumer<T> store) {
        String named = Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " " + id;
        return audit.run(new Control(who, "close", kind, id), () -> {
            T event = find.apply(id).orElseThrow(() -> new NotFound("not-found", "No " + kind + " " + id + "."));
            // to the millisecond, as the cache decides in epoch milliseconds
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Instant closesAt = event.closesAt();
            if (closesAt != null && !closesAt.isAfter(now)) {
                throw new Conflict("closed", named + " closed at " + closesAt + ".");
            }
            if (now.isBefore(event.opensAt())) {
                throw new Conflict("not-open", named + " opens at " + event.opensAt()
                        + "; change its terms with PUT instead.");
            }
            store.accept(event.closingAt(now));
            return Map.of("closesAtBefore", closesAt == null ? "none" : closesAt.toString(),
                    "closesAtAfter", now.toString());
        });
    }
}
