package dev.rushgate.feed.domain;

import dev.rushgate.platform.errors.BadInput;

/**
 * What a reader searches for: free text in Korean or English, optionally narrowed to one hashtag, one page at a time.
 *
 * @param hashtag only posts carrying it (case-insensitive), or null for any
 * @param cursor  the {@code nextCursor} of the previous page of the same search, or null for the first page
 * @param limit   posts per page, 1 to {@value #MAX_LIMIT}
 */
public record SearchQuery(String text, String hashtag, String cursor, int limit) {
    public static final int MAX_LIMIT = 50;
    /** Long enough for any sentence a reader types; a longer one is a paste, and costs the engine for nothing. */
    public static final int MAX_TEXT = 200;

    public SearchQuery {
        if (text == null || text.isBlank()) throw new BadInput("invalid-parameter", "text must not be blank");
        text = text.strip();
        if (text.length() > MAX_TEXT) throw new BadInput("invalid-parameter", "text is over " + MAX_TEXT + " characters");
        if (hashtag != null && hashtag.isBlank()) hashtag = null;
        if (cursor != null && cursor.isBlank()) cursor = null;
        if (limit < 1 || limit > MAX_LIMIT) throw new BadInput("invalid-parameter", "limit must be 1 to " + MAX_LIMIT);
    }
}
