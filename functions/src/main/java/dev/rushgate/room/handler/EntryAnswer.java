package dev.rushgate.room.handler;

import dev.rushgate.platform.http.Response;
import dev.rushgate.room.domain.EntryView;

import java.time.Instant;

/** An entry as CONTRACT.md shows it, with the poll hint in {@code Retry-After} rather than the body. */
record EntryAnswer(String entryId, Long position, Long aheadOfYou, Long estimatedWaitSeconds, EntryView.Status status,
                   String admissionToken, Instant admissionExpiresAt) {

    static Response of(int status, EntryView view) {
        var answer = new EntryAnswer(view.entryId(), view.position(), view.aheadOfYou(), view.estimatedWaitSeconds(),
                view.status(), view.admissionToken(), view.admissionExpiresAt());
        return view.retryAfter() == null ? Response.json(status, answer)
                : Response.json(status, answer, "retry-after", Long.toString(view.retryAfter().toSeconds()));
    }
}
