package dev.rushgate.feed.adapter;

import dev.rushgate.feed.domain.Post;
import dev.rushgate.feed.domain.PostStatus;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A post as an item of the posts table, both ways. */
final class PostItems {
    private PostItems() {}

    static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> post(Post post) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new HashMap<>();
        item.put("postId", sdk(post.postId()));
        item.put("authorId", sdk(post.authorId()));
        item.put("title", sdk(post.title()));
        item.put("body", sdk(post.body()));
        item.put("category", sdk(post.category()));
        item.put("tags", list(post.tags()));
        item.put("status", sdk(post.status().name()));
        item.put("reasons", list(post.reasons()));
        item.put("hashtags", list(post.hashtags()));
        item.put("createdAt", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                .fromN(Long.toString(post.createdAt().toEpochMilli())));
        if (post.reviewedAt() != null) {
            item.put("reviewedAt", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                    .fromN(Long.toString(post.reviewedAt().toEpochMilli())));
        }
        return item;
    }

    static Post post(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        return read(name -> {
            var v = item.get(name);
            if (v == null) return null;
            if (v.s() != null) return v.s();
            if (v.n() != null) return v.n();
            return v.hasL() ? v.l().stream().map(software.amazon.awssdk.services.dynamodb.model.AttributeValue::s)
                    .toList() : null;
        });
    }

    /** Reads a post through {@code field}: a string, a number's text, or a list of strings; null when absent. */
    @SuppressWarnings("unchecked")
    private static Post read(Function<String, Object> field) {
        String reviewedAt = (String) field.apply("reviewedAt");
        return new Post((String) field.apply("postId"), (String) field.apply("authorId"),
                (String) field.apply("title"), (String) field.apply("body"), (String) field.apply("category"),
                listOrEmpty((List<String>) field.apply("tags")), PostStatus.valueOf((String) field.apply("status")),
                listOrEmpty((List<String>) field.apply("reasons")), listOrEmpty((List<String>) field.apply("hashtags")),
                Instant.ofEpochMilli(Long.parseLong((String) field.apply("createdAt"))),
                reviewedAt == null ? null : Instant.ofEpochMilli(Long.parseLong(reviewedAt)));
    }

    private static List<String> listOrEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }

    static software.amazon.awssdk.services.dynamodb.model.AttributeValue list(List<String> values) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL(values.stream().map(PostItems::sdk)
                .toList());
    }

    static List<String> strings(software.amazon.awssdk.services.dynamodb.model.AttributeValue list) {
        return list == null || !list.hasL() ? List.of()
                : list.l().stream().map(software.amazon.awssdk.services.dynamodb.model.AttributeValue::s).toList();
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue sdk(String value) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(value);
    }
}
