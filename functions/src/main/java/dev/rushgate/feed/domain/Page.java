package dev.rushgate.feed.domain;

import java.util.List;

/** One page of a list and the cursor of the next; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }
}
