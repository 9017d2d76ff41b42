package dev.rushgate.feed.domain;

/** Where posts whose searchability may have changed wait for the indexer: published, rejected or deleted. */
public interface SearchIndexQueue {
    void send(String postId);
}
