package dev.rushgate.feed.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rushgate.platform.errors.BadInput;
import org.opensearch.client.opensearch._types.FieldValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a search page ended: the last hit's sort values (score, creation time, id), for {@code search_after}, and a
 * fingerprint of the query it belongs to. Opaque to clients (base64url of JSON) and checked on the way back, so a forged
 * or mangled cursor, or one carried over to another query, is a 400 rather than an engine error or a wrong page.
 */
record SearchCursor(int query, double score, long createdAtMillis, String postId) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern POST_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** The fingerprint a cursor carries: the same text and hashtag give the same number. */
    static int fingerprint(String text, String hashtag) {
        return (text + '\u0000' + (hashtag == null ? "" : hashtag.toLowerCase(Locale.ROOT))).hashCode();
    }

    /** The cursor after a hit with these sort values, as the engine returned them. */
    static SearchCursor after(int query, List<FieldValue> sort) {
        if (sort.size() != 3) throw new IllegalStateException("expected 3 sort values, got " + sort.size());
        return new SearchCursor(query, number(sort.get(0)), (long) number(sort.get(1)), sort.get(2).stringValue());
    }

    /** A score of exactly 1 may come back as 1, not 1.0: read either kind. */
    private static double number(FieldValue value) {
        return value.isDouble() ? value.doubleValue() : value.longValue();
    }

    List<FieldValue> searchAfter() {
        return List.of(FieldValue.of(score), FieldValue.of(createdAtMillis), FieldValue.of(postId));
    }

    String encode() {
        ObjectNode node = JSON.createObjectNode().put("q", query).put("s", score).put("t", createdAtMillis)
                .put("id", postId);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor this search issued for the query with this fingerprint; 400 {@code invalid-cursor} for anything else. */
    static SearchCursor decode(String cursor, int query) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
            if (node == null || !node.isObject()) throw invalid();
            JsonNode q = node.get("q"), s = node.get("s"), t = node.get("t"), id = node.get("id");
            if (q == null || !q.isInt() || q.intValue() != query) throw invalid();
            if (s == null || !s.isNumber() || !Double.isFinite(s.doubleValue())) throw invalid();
            if (t == null || !t.canConvertToLong() || !t.isIntegralNumber()) throw invalid();
            if (id == null || !id.isTextual() || !POST_ID.matcher(id.textValue()).matches()) throw invalid();
            return new SearchCursor(query, s.doubleValue(), t.longValue(), id.textValue());
        } catch (IllegalArgumentException | IOException e) {
            throw invalid();
        }
    }

    private static BadInput invalid() {
        return new BadInput("invalid-cursor", "cursor is not one this search issued");
    }
}
