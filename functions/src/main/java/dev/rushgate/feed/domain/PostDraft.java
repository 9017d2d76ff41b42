package dev.rushgate.feed.domain;

import java.util.Objects;

/**
 * A post as its author wrote it, before inspection: what the {@link Inspector} reads. The text may be in any
 * language (Korean and English are the ones the feed expects); {@code category} is the one the author asked for,
 * which the inspection may refuse.
 */
public record PostDraft(String title, String body, String category) {

    public PostDraft {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(category, "category");
        if (title.isBlank() && body.isBlank()) throw new IllegalArgumentException("a post needs a title or a body");
    }
}
