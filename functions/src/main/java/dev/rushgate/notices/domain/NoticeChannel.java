package dev.rushgate.notices.domain;

import dev.rushgate.model.NoticeIssued;

/**
 * Somewhere a stored notice is sent on: a webhook. Each is asked once per notice, and again only while it has not
 * taken it; the receiver gets the notice id as {@code Idempotency-Key} to drop the repeat a crash may still cause.
 */
public interface NoticeChannel {

    /** Stable name, recorded with each notice it took. */
    String name();

    /** Whether this notice goes here at all. */
    boolean wants(NoticeIssued notice);

    /** Sends it; throws {@link NotTaken} when the receiver did not take it (it is tried again later). */
    void send(NoticeIssued notice);

    /** The receiver failed or refused: the notice's message is put off and tried again, then dead-lettered. */
    final class NotTaken extends RuntimeException {
        public NotTaken(String message) {
            super(message);
        }
    }
}
