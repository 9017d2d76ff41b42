package dev.rushgate.feed.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One post a search found: enough to show it in a result list without reading the post store.
 *
 * @param highlights fragments of the title and body around the matched words, the words wrapped in {@code <em>}; the
 *                   rest of each fragment is HTML-escaped, so a client may render a fragment as HTML
 */
public record SearchHit(String postId, String authorId, String title, String category, List<String> hashtags,
                        Instant createdAt, List<String> highlights) {
    public SearchHit {
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(createdAt, "createdAt");
        hashtags = List.copyOf(hashtags);
        highlights = List.copyOf(highlights);
    }
}
