package dev.rushgate.votes.adapter;

import dev.rushgate.model.VoteAccepted;
import dev.rushgate.platform.RedisDueWork;
import dev.rushgate.testing.EmbeddedRedis;
import dev.rushgate.votes.domain.AlertChannel;
import dev.rushgate.votes.domain.FiredAlert;
import dev.rushgate.votes.domain.Poll;
import dev.rushgate.votes.domain.PollCatalog;
import dev.rushgate.votes.domain.SendPollAlerts;
import dev.rushgate.votes.domain.TallyBook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled alert sender over real Redis marks, counting how often it reads the alert outbox (PostgreSQL in the
 * cloud): only after counting may have fired an alert, or when the marks were lost; never on an idle minute.
 */
class SendPollAlertsIT {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static EmbeddedRedis redis;

    @BeforeAll
    static void start() {
        redis = EmbeddedRedis.start();
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    /** An outbox that is always empty, counting how often it is read. */
    private static final class CountingOutbox implements TallyBook, PollCatalog, AlertChannel {
        final AtomicInteger reads = new AtomicInteger();

        @Override public int count(List<VoteAccepted> votes, Map<String, Poll> polls) { return 0; }
        @Override public Map<String, Long> persisted(String pollId) { return Map.of(); }
        @Override public List<FiredAlert> alerts(String pollId, long afterSeq, int limit) { return List.of(); }
        @Override public Map<String, Long> replace(String p, Map<String, Long> s, Collection<VoteAccepted> v) { return s; }
        @Override public int drainAlerts(AlertSender sender, int max) { reads.incrementAndGet(); return 0; }
        @Override public boolean save(Poll poll) { return true; }
        @Override public Optional<Poll> find(String pollId) { return Optional.empty(); }
        @Override public List<String> recentPollIds() { return List.of(); }
        @Override public void publish(FiredAlert alert) { }
        @Override public void notify(FiredAlert alert, String question, URI webhookUrl) { }
    }

    private static SendPollAlerts sender(CountingOutbox outbox, RedisDueWork due, Instant at) {
        return new SendPollAlerts(outbox, outbox, outbox, due, Clock.fixed(at, ZoneOffset.UTC));
    }

    @Test
    void readsTheOutboxOnlyAfterCountingMayHaveFiredAnAlert_orWhenTheMarksAreLost() {
        // given marks that are new: the first run reads the outbox in full
        var outbox = new CountingOutbox();
        var due = new RedisDueWork(redis::sync, "alerts-" + UUID.randomUUID());
        sender(outbox, due, NOW).sweep();
        assertThat(outbox.reads).hasValue(1);

        // when it runs every minute for ten minutes, nothing counted
        for (int minute = 1; minute <= 10; minute++) sender(outbox, due, NOW.plusSeconds(60L * minute)).sweep();

        // then it never read the outbox
        assertThat(outbox.reads).hasValue(1);

        // when counting expects alerts at 11:00, and the schedule runs at 11:30 and 12:02
        sender(outbox, due, NOW.plusSeconds(660)).expect();
        sender(outbox, due, NOW.plusSeconds(690)).sweep();
        int beforeItsRun = outbox.reads.get();
        sender(outbox, due, NOW.plusSeconds(722)).sweep();
        sender(outbox, due, NOW.plusSeconds(782)).sweep();

        // then only the run after the counting's next minute read it, once
        assertThat(beforeItsRun).isEqualTo(1);
        assertThat(outbox.reads).hasValue(2);

        // when Redis loses the marks, then the next run reads the outbox again
        redis.sync().flushall();
        sender(outbox, due, NOW.plusSeconds(842)).sweep();
        assertThat(outbox.reads).hasValue(3);
    }
}
