package dev.rushgate.room.domain;

import dev.rushgate.platform.errors.NotFound;

import java.time.Clock;
import java.time.Instant;

/**
 * An entry for its owner: where it stands, the estimated wait, and once admitted the signed token. Polling
 * also tells the line the owner is still there; whoever stops polling is eventually taken for gone.
 */
public final class ViewEntry {
    private final WaitingLine line;
    private final AdmissionTokens tokens;
    private final Clock clock;

    public ViewEntry(WaitingLine line, AdmissionTokens tokens, Clock clock) {
        this.line = line;
        this.tokens = tokens;
        this.clock = clock;
    }

    public EntryView view(String roomId, String entryId, String userId) {
        Instant now = clock.instant();
        Standing standing = line.poll(roomId, userId, entryId, now)
                .orElseThrow(() -> new NotFound("not-found", "No such entry in room " + roomId + "."));
        return EntryView.of(roomId, standing, now, tokens);
    }
}
