package dev.rushgate.feed.domain;

import java.time.Instant;
import java.util.List;

/** One line of an author's own list: enough to see where each post stands, and why a rejected one was. */
public record PostSummary(String postId, String title, String category, PostStatus status, List<String> reasons,
                          Instant createdAt) {
    public PostSummary {
        reasons = List.copyOf(reasons);
    }
}
