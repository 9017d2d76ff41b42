package dev.rushgate.notices.adapter;

import dev.rushgate.model.NoticeIssued;
import dev.rushgate.notices.domain.Notice;
import dev.rushgate.notices.domain.Page;
import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.testing.LocalDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notices against the project's DynamoDB engine: stored once, listed unread first, read moved after the unread. */
class DynamoNoticeStoreIT {

    private static LocalDynamoDb local;
    private static DynamoNoticeStore store;

    @BeforeAll
    static void createTable() {
        local = LocalDynamoDb.start();
        local.createTable("notifications", "userId", "sk");
        store = new DynamoNoticeStore(local.client(), "notifications");
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    private static NoticeIssued claim(String user, String claimId, long at) {
        return new NoticeIssued("claim-" + claimId + "-confirmed", user, NoticeIssued.CLAIM_CONFIRMED, "d-1", claimId,
                null, null, null, List.of(), null, null, at, null);
    }

    @Test
    void storesANoticeOnce_howeverOftenItsFactIsSent_andRemembersTheChannelsThatTookIt() {
        // given a notice stored, and taken by one channel
        NoticeIssued notice = claim("u-once", "c-1", 1_000);
        assertThat(store.store(notice)).isEmpty();
        store.delivered("u-once", notice.notificationId(), "event-webhook");

        // when the same fact comes again
        Set<String> took = store.store(notice);

        // then it is one notice, and the channel that took it is known
        assertThat(took).containsExactly("event-webhook");
        assertThat(store.page("u-once", null, 10).items()).hasSize(1);
    }

    @Test
    void listsUnreadFirst_newestFirstWithinEach_andPagesInThatOrder() {
        // given four notices, the newest and the oldest marked read
        String user = "u-order";
        for (int i = 1; i <= 4; i++) store.store(claim(user, "c-" + i, 1_000L * i));
        assertThat(store.markRead(user, List.of("claim-c-4-confirmed", "claim-c-1-confirmed", "claim-nope-confirmed"),
                Instant.ofEpochMilli(9_000))).isEqualTo(2);

        // when the user reads them two at a time
        Page<Notice> first = store.page(user, null, 2);
        Page<Notice> second = store.page(user, first.nextCursor(), 2);

        // then unread come first (newest first), then the read ones (newest first)
        assertThat(first.items()).extracting(n -> n.fact().claimId()).containsExactly("c-3", "c-2");
        assertThat(first.items()).allMatch(n -> !n.read());
        assertThat(second.items()).extracting(n -> n.fact().claimId()).containsExactly("c-4", "c-1");
        assertThat(second.items()).allMatch(n -> n.readAt().equals(Instant.ofEpochMilli(9_000)));
        // and marking again, or someone else marking, changes nothing; a redelivered fact does not come back unread
        assertThat(store.markRead(user, List.of("claim-c-4-confirmed"), Instant.now())).isZero();
        assertThat(store.markRead("u-other", List.of("claim-c-3-confirmed"), Instant.now())).isZero();
        store.store(claim(user, "c-4", 4_000));
        assertThat(store.page(user, null, 10).items()).extracting(n -> n.fact().claimId() + ":" + n.read())
                .containsExactly("c-3:false", "c-2:false", "c-4:true", "c-1:true");
    }

    @Test
    void refusesACursorItNeverIssued() {
        assertThatThrownBy(() -> store.page("u-x", "bm90LWEta2V5", 10)).isInstanceOf(BadInput.class)
                .hasFieldOrPropertyWithValue("code", "invalid-cursor");
    }
}
