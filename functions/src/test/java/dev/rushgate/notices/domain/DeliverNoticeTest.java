package dev.rushgate.notices.domain;

import dev.rushgate.model.NoticeIssued;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliverNoticeTest {

    /** In memory: notices by id, and the channels that took each. */
    static final class StoreFake implements NoticeStore {
        final Map<String, NoticeIssued> stored = new LinkedHashMap<>();
        final Map<String, Set<String>> took = new HashMap<>();

        @Override
        public Set<String> store(NoticeIssued notice) {
            stored.putIfAbsent(notice.notificationId(), notice);
            return Set.copyOf(took.getOrDefault(notice.notificationId(), Set.of()));
        }

        @Override
        public void delivered(String userId, String notificationId, String channel) {
            took.computeIfAbsent(notificationId, k -> new HashSet<>()).add(channel);
        }

        @Override
        public Page<Notice> page(String userId, String cursor, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int markRead(String userId, Collection<String> notificationIds, Instant at) {
            throw new UnsupportedOperationException();
        }
    }

    /** A channel that refuses its first {@code failures} sends and records every one. */
    static final class ChannelFake implements NoticeChannel {
        final String name;
        int failures;
        final List<String> sends = new ArrayList<>();

        ChannelFake(String name, int failures) {
            this.name = name;
            this.failures = failures;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean wants(NoticeIssued notice) {
            return true;
        }

        @Override
        public void send(NoticeIssued notice) {
            sends.add(notice.notificationId());
            if (failures-- > 0) throw new NotTaken(name + " refused");
        }
    }

    private static final NoticeIssued CLAIMED = new NoticeIssued("claim-c-1-confirmed", "u-1",
            NoticeIssued.CLAIM_CONFIRMED, "d-1", "c-1", null, null, null, List.of(), null, null, 1_000, null);

    @Test
    void retriesOnlyTheChannelThatRefused_andStoresTheNoticeOnce() {
        // given one channel that takes everything and one that refuses once
        StoreFake store = new StoreFake();
        ChannelFake steady = new ChannelFake("steady", 0);
        ChannelFake flaky = new ChannelFake("flaky", 1);
        DeliverNotice deliver = new DeliverNotice(store, List.of(steady, flaky));

        // when the notice is delivered, refused by one, then delivered again (its message came back)
        assertThatThrownBy(() -> deliver.deliver(CLAIMED)).isInstanceOf(NoticeChannel.NotTaken.class);
        int sentOnRetry = deliver.deliver(CLAIMED);
        int sentOnRedelivery = deliver.deliver(CLAIMED);

        // then it is stored once, each channel took it once, and a third delivery sends nothing
        assertThat(store.stored).hasSize(1);
        assertThat(steady.sends).containsExactly("claim-c-1-confirmed");
        assertThat(flaky.sends).containsExactly("claim-c-1-confirmed", "claim-c-1-confirmed");
        assertThat(sentOnRetry).isEqualTo(1);
        assertThat(sentOnRedelivery).isZero();
    }
}
