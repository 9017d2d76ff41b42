package dev.rushgate.feed.domain;

import java.util.List;
import java.util.Objects;

/**
 * The verdict on one post. An approved post has the category it is filed under and no reasons; a rejected one has
 * at least one reason its author can read (never an internal error text). Hashtags are distinct, at most
 * {@link #MAX_HASHTAGS}, in the order the inspector ranked them.
 */
public record Inspection(boolean approved, String category, List<String> reasons, List<String> hashtags) {

    public static final int MAX_HASHTAGS = 5;

    public Inspection {
        Objects.requireNonNull(category, "category");
        reasons = List.copyOf(reasons);
        hashtags = List.copyOf(hashtags);
        if (approved && category.isBlank()) throw new IllegalArgumentException("an approved post needs a category");
        if (approved && !reasons.isEmpty()) throw new IllegalArgumentException("an approved post has no reasons");
        if (!approved && reasons.isEmpty()) throw new IllegalArgumentException("a rejection needs a reason");
        if (hashtags.size() > MAX_HASHTAGS) throw new IllegalArgumentException("at most " + MAX_HASHTAGS + " hashtags");
        if (hashtags.stream().distinct().count() != hashtags.size()) {
            throw new IllegalArgumentException("hashtags repeat: " + hashtags);
        }
    }

    public static Inspection approved(String category, List<String> hashtags) {
        return new Inspection(true, category, List.of(), hashtags);
    }

    /** Rejected, keeping the category the author asked for so the author's list can show it. */
    public static Inspection rejected(String category, List<String> reasons) {
        return new Inspection(false, category, reasons, List.of());
    }
}
