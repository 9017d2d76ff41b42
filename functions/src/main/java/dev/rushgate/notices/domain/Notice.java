package dev.rushgate.notices.domain;

import dev.rushgate.model.NoticeIssued;

import java.time.Instant;

/** A stored notice as its user sees it: the fact, and when they marked it read (null while unread). */
public record Notice(NoticeIssued fact, Instant readAt) {
    public boolean read() {
        return readAt != null;
    }
}
