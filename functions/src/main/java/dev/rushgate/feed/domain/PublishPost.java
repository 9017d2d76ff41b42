package dev.rushgate.feed.domain;

import dev.rushgate.platform.Ids;
import dev.rushgate.platform.errors.BadInput;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Publishes a post: it is stored {@link PostStatus#PENDING_REVIEW}, and that is all. Nothing is sent anywhere: the
 * stored post is the outbox, and its change on the posts stream starts the inspection. So "stored" and "will be
 * inspected" cannot disagree.
 *
 * <p>With an {@code Idempotency-Key} the post's id is derived from the author and the key, so a retry finds the post
 * the first request stored and answers it again, creating nothing.
 */
public final class PublishPost {
    private final PostStore posts;
    private final Supplier<List<String>> categories;
    private final Clock clock;

    /** @param categories the categories a post may name now (the upstream's, cached; they may change) */
    public PublishPost(PostStore posts, Supplier<List<String>> categories, Clock clock) {
        this.posts = posts;
        this.categories = categories;
        this.clock = clock;
    }

    public Post publish(PublishPostCommand command) {
        List<String> categories = this.categories.get();
        if (!categories.contains(command.category())) {
            throw new BadInput("unknown-category", "No category " + command.category() + "; the feed has: "
                    + String.join(", ", categories) + ".");
        }
        var now = clock.instant();
        String postId = command.idempotencyKey() == null ? Ids.timeOrdered(now.toEpochMilli())
                : keyed(command.authorId(), command.idempotencyKey());
        return posts.create(Post.pending(postId, command.authorId(), command.title(), command.body(),
                command.category(), command.tags(), now));
    }

    /** 32 hex digits of SHA-256(author, key): the same shape as a server-made id, the same on every retry. */
    static String keyed(String authorId, String idempotencyKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((authorId + '\u0000' + idempotencyKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
