package dev.rushgate.feed.domain;

import dev.rushgate.platform.errors.BadInput;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * A post as its author sends it, checked on the way in: a title of 1 to {@value #MAX_TITLE} characters, a body of 1 to
 * {@value #MAX_BODY}, a category, and at most {@value #MAX_TAGS} distinct tags of 1 to {@value #MAX_TAG} characters.
 * Whether the category is one of the feed's is checked by {@link PublishPost}, which knows them.
 *
 * @param idempotencyKey the caller's {@code Idempotency-Key}, or null
 */
public record PublishPostCommand(String authorId, String title, String body, String category, List<String> tags,
                                 String idempotencyKey) {
    static final int MAX_TITLE = 150;
    static final int MAX_BODY = 10_000;
    static final int MAX_TAGS = 10;
    static final int MAX_TAG = 30;

    public PublishPostCommand {
        title = text("title", title, MAX_TITLE);
        body = text("body", body, MAX_BODY);
        category = text("category", category, 64);
        if (tags == null) tags = List.of();
        if (tags.size() > MAX_TAGS) throw invalid("tags: at most " + MAX_TAGS);
        var distinct = new LinkedHashSet<String>();
        for (String tag : tags) distinct.add(text("a tag", tag, MAX_TAG));
        tags = List.copyOf(distinct);
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) throw invalid(field + " is required");
        String stripped = value.strip();
        if (stripped.codePointCount(0, stripped.length()) > max) {
            throw invalid(field + ": at most " + max + " characters");
        }
        return stripped;
    }

    private static BadInput invalid(String detail) {
        return new BadInput("invalid-field", detail + ".");
    }
}
