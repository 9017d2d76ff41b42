package dev.rushgate.feed.adapter;

import dev.rushgate.feed.domain.Inspection;
import dev.rushgate.feed.domain.InspectPost;
import dev.rushgate.feed.domain.Post;
import dev.rushgate.feed.domain.PostStatus;
import dev.rushgate.feed.domain.PostSummary;
import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.testing.LocalDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Posts and the authors' lists against the project's DynamoDB engine. */
class DynamoPostStoreIT {
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private static LocalDynamoDb local;
    private static DynamoPostStore store;

    @BeforeAll
    static void start() {
        local = LocalDynamoDb.start();
        local.createTable("posts", "postId", null);
        local.createTable("author-posts", "authorId", "sk");
        store = new DynamoPostStore(local.client(), "posts", "author-posts");
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    private static Post post(String postId, String author, Instant at) {
        return Post.pending(postId, author, "Title " + postId, "Body", "tech", List.of("t"), at);
    }

    private static String id(int n) {
        return String.format("%032x", n);
    }

    @Test
    void createsAPostAndItsListEntryOnce_andARetryOfTheSameIdAnswersTheFirst() {
        Post first = post(id(1), "ann", T0);
        assertThat(store.create(first)).isEqualTo(first);

        Post again = store.create(post(id(1), "ann", T0.plusSeconds(5)));

        assertThat(again).isEqualTo(first);
        assertThat(store.byAuthor("ann", null, 10).items()).extracting(PostSummary::postId).containsExactly(id(1));
    }

    @Test
    void recordsAReviewOnce_onThePostAndOnItsAuthorsList() {
        Post pending = store.create(post(id(2), "bob", T0));
        Post published = pending.reviewed(Inspection.approved("news", List.of("seoul")), T0.plusSeconds(1));

        assertThat(store.recordReview(published)).isTrue();
        assertThat(store.recordReview(pending.reviewed(Inspection.rejected("tech", List.of("late")), T0)))
                .isFalse();

        assertThat(store.find(id(2))).contains(published);
        assertThat(store.byAuthor("bob", null, 10).items()).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(PostStatus.PUBLISHED);
            assertThat(s.category()).isEqualTo("news");
        });
    }

    @Test
    void inspectsAPendingPostOnce_evenWhenItsStreamRecordComesAgain() {
        Post pending = store.create(post(id(3), "cho", T0));
        AtomicInteger asked = new AtomicInteger();
        var inspect = new InspectPost(draft -> {
            asked.incrementAndGet();
            return Inspection.rejected(draft.category(), List.of("blocked word: spam"));
        }, store, Clock.fixed(T0.plusSeconds(2), ZoneOffset.UTC));

        Post decided = inspect.inspect(pending.postId()).orElseThrow();
        Post replayed = inspect.inspect(pending.postId()).orElseThrow(); // the same stream record, delivered again

        assertThat(decided.status()).isEqualTo(PostStatus.REJECTED);
        assertThat(decided.reasons()).containsExactly("blocked word: spam");
        assertThat(replayed).isEqualTo(decided);
        assertThat(asked).hasValue(1);
        assertThat(inspect.inspect(id(999))).isEmpty();
    }

    @Test
    void listsAnAuthorsPostsNewestFirst_inPages_andRefusesACursorItNeverIssued() {
        for (int i = 0; i < 5; i++) store.create(post(id(10 + i), "dan", T0.plusSeconds(i)));

        var first = store.byAuthor("dan", null, 2);
        var second = store.byAuthor("dan", first.nextCursor(), 2);
        var third = store.byAuthor("dan", second.nextCursor(), 2);

        assertThat(first.items()).extracting(PostSummary::postId).containsExactly(id(14), id(13));
        assertThat(second.items()).extracting(PostSummary::postId).containsExactly(id(12), id(11));
        assertThat(third.items()).extracting(PostSummary::postId).containsExactly(id(10));
        assertThat(third.nextCursor()).isNull();
        assertThatThrownBy(() -> store.byAuthor("dan", "bm9wZQ", 2)).isInstanceOf(BadInput.class);
    }
}
