package dev.rushgate.notices.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.rushgate.model.NoticeIssued;
import dev.rushgate.notices.domain.DeliverNotice;
import dev.rushgate.notices.domain.Notice;
import dev.rushgate.notices.domain.NoticeChannel;
import dev.rushgate.notices.domain.NoticeQueue;
import dev.rushgate.notices.domain.NoticeStore;
import dev.rushgate.notices.domain.Page;
import dev.rushgate.platform.Json;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The notices consumer on a real SQS event: a refused webhook puts its message off, a poison one fails alone. */
class DeliverNoticesSqsHandlerTest {

    private final Set<String> stored = new HashSet<>();
    private final Map<String, Duration> putOff = new java.util.HashMap<>();

    private final NoticeStore store = new NoticeStore() {
        @Override
        public Set<String> store(NoticeIssued notice) {
            stored.add(notice.notificationId());
            return Set.of();
        }

        @Override
        public void delivered(String userId, String notificationId, String channel) {
        }

        @Override
        public Page<Notice> page(String userId, String cursor, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int markRead(String userId, Collection<String> notificationIds, Instant at) {
            throw new UnsupportedOperationException();
        }
    };

    private final NoticeQueue queue = new NoticeQueue() {
        @Override
        public void send(List<NoticeIssued> notices) {
        }

        @Override
        public void putOff(String receiptHandle, Duration delay) {
            putOff.put(receiptHandle, delay);
        }
    };

    /** A webhook that refuses everything. */
    private static final NoticeChannel REFUSING = new NoticeChannel() {
        @Override
        public String name() {
            return "event-webhook";
        }

        @Override
        public boolean wants(NoticeIssued notice) {
            return notice.webhookUrl() != null;
        }

        @Override
        public void send(NoticeIssued notice) {
            throw new NotTaken("answered 500");
        }
    };

    private static SQSEvent event() throws Exception {
        try (InputStream in = DeliverNoticesSqsHandlerTest.class.getResourceAsStream("/events/deliver-notices.json")) {
            // Lambda's own names ("Records"), as the runtime reads them
            return Json.MAPPER.copy().configure(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES,
                    true).readValue(in, SQSEvent.class);
        }
    }

    @Test
    void storesANoticeItsWebhookRefused_putsItsMessageOffLonger_andFailsThePoisonOneAlone() throws Exception {
        // given a consumer whose webhook refuses
        var handler = new DeliverNoticesSqsHandler(new DeliverNotice(store, List.of(REFUSING)), queue);

        // when a batch of a good notice (third receive) and an unreadable one arrives
        SQSBatchResponse response = handler.handleRequest(event(), null);

        // then both are reported failed, the good one stored and put off for its third try, the poison one not
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyInAnyOrder("m-good", "m-poison");
        assertThat(stored).containsExactly("claim-c-1-confirmed");
        assertThat(putOff).containsOnlyKeys("rh-good");
        assertThat(putOff.get("rh-good").toSeconds()).isBetween(8L, 12L);
    }

    @RepeatedTest(20)
    void twoSecondsDoublingPerReceive_withUpToHalfAgainOfJitter_atMostFifteenMinutes() {
        assertThat(DeliverNoticesSqsHandler.delay(1).toSeconds()).isBetween(2L, 3L);
        assertThat(DeliverNoticesSqsHandler.delay(2).toSeconds()).isBetween(4L, 6L);
        assertThat(DeliverNoticesSqsHandler.delay(5).toSeconds()).isBetween(32L, 48L);
        assertThat(DeliverNoticesSqsHandler.delay(40)).isEqualTo(Duration.ofMinutes(15));
    }
}
