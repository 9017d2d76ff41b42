package dev.rushgate.notices.domain;

import java.util.List;

/** One page of a list and the cursor of the next (null on the last page). */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }
}
