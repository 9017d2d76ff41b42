package dev.rushgate.feed.domain;

/** Where a post is on its way: written and waiting for inspection, then published or rejected once. */
public enum PostStatus {
    PENDING_REVIEW, PUBLISHED, REJECTED
}
