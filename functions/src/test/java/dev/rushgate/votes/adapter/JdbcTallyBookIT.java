package dev.rushgate.votes.adapter;

import dev.rushgate.model.VoteAccepted;
import dev.rushgate.ops.schema.SchemaMigrations;
import dev.rushgate.votes.domain.FiredAlert;
import dev.rushgate.votes.domain.Poll;
import dev.rushgate.votes.domain.TallyBook;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcTallyBookIT {

    private static EmbeddedPostgres postgres;
    private static JdbcPollCatalog catalog;
    private static JdbcTallyBook tallies;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
        new SchemaMigrations(postgres.getPostgresDatabase()).migrate();
        catalog = new JdbcPollCatalog(postgres::getPostgresDatabase);
        tallies = new JdbcTallyBook(postgres::getPostgresDatabase);
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static Poll poll(String id, List<Poll.AlertRule> alerts, URI webhook) {
        Poll poll = new Poll(id, "Which?", List.of(new Poll.Option("a", "A"), new Poll.Option("b", "B")),
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2099-01-01T00:00:00Z"), alerts, null, webhook);
        catalog.save(poll);
        return poll;
    }

    private static List<VoteAccepted> votes(String pollId, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new VoteAccepted(pollId, pollId + "-v" + i, "u" + i,
                i % 3 == 0 ? "b" : "a", 1_700_000_000_000L + i)).toList();
    }

    @Test
    void savesAndFindsAPoll_andTellsNewFromUpdated() {
        Poll poll = poll("catalogued", List.of(new Poll.AlertRule(null, 5)), URI.create("https://hooks.example/x"));

        assertThat(catalog.find("catalogued")).contains(poll);
        assertThat(catalog.save(poll)).isFalse();
        assertThat(catalog.find("nowhere")).isEmpty();
        assertThat(catalog.recentPollIds()).contains("catalogued");
    }

    @Test
    void countsEachVoteOnce_howeverOftenTheBatchIsRedelivered() {
        // given
        Poll poll = poll("redelivered", List.of(), null);
        List<VoteAccepted> batch = votes(poll.pollId(), 0, 300);

        // when the batch arrives, then again, then overlapping a new one (with a duplicate inside it)
        int first = tallies.count(batch, Map.of(poll.pollId(), poll));
        int again = tallies.count(batch, Map.of(poll.pollId(), poll));
        List<VoteAccepted> overlapping = new ArrayList<>(votes(poll.pollId(), 200, 400));
        overlapping.add(overlapping.getFirst());
        int overlap = tallies.count(overlapping, Map.of(poll.pollId(), poll));

        // then
        assertThat(first).isEqualTo(300);
        assertThat(again).isZero();
        assertThat(overlap).isEqualTo(100);
        assertThat(tallies.persisted(poll.pollId())).isEqualTo(Map.of("a", 266L, "b", 134L));
    }

    @Test
    void firesEachAlertOnce_withOneOutboxRowPerChannel_andDrainsThem() {
        // given thresholds on option a and on the whole poll, and a webhook
        Poll poll = poll("alerting", List.of(new Poll.AlertRule("a", 10), new Poll.AlertRule(null, 30),
                new Poll.AlertRule(null, 1_000)), URI.create("https://hooks.example/alerting"));

        // when 50 votes are counted in two batches, the second one twice
        tallies.count(votes(poll.pollId(), 0, 20), Map.of(poll.pollId(), poll));
        tallies.count(votes(poll.pollId(), 20, 50), Map.of(poll.pollId(), poll));
        tallies.count(votes(poll.pollId(), 20, 50), Map.of(poll.pollId(), poll));

        // then two alerts fired, once each, and each waits once per channel
        List<FiredAlert> fired = tallies.alerts(poll.pollId(), 0, 10);
        assertThat(fired).extracting(FiredAlert::optionId, FiredAlert::threshold)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 10L),
                        org.assertj.core.groups.Tuple.tuple(null, 30L));
        List<String> sent = new ArrayList<>();
        tallies.drainAlerts((alert, channel) -> {
            if (alert.pollId().equals(poll.pollId())) sent.add(alert.threshold() + "/" + channel);
        }, 100);
        assertThat(sent).containsExactlyInAnyOrder("10/KAFKA", "10/WEBHOOK", "30/KAFKA", "30/WEBHOOK");
        assertThat(tallies.drainAlerts((alert, channel) -> sent.add("again"), 100)).isZero();
    }

    @Test
    void keepsAnAlertInTheOutbox_whenItsSendFails() {
        Poll poll = poll("failing-send", List.of(new Poll.AlertRule(null, 1)), null);
        tallies.count(votes(poll.pollId(), 0, 1), Map.of(poll.pollId(), poll));

        assertThatThrownBy(() -> tallies.drainAlerts((alert, channel) -> {
            throw new IllegalStateException("Kafka is down");
        }, 100)).isInstanceOf(IllegalStateException.class);
        List<TallyBook.Channel> retried = new ArrayList<>();
        tallies.drainAlerts((alert, channel) -> retried.add(channel), 100);

        assertThat(retried).containsExactly(TallyBook.Channel.KAFKA);
    }

    @Test
    void replaceSetsTheTalliesToTheStoredVotes_andMarksThemCounted() {
        Poll poll = poll("rebuilt", List.of(), null);
        tallies.count(votes(poll.pollId(), 0, 10), Map.of(poll.pollId(), poll));
        List<VoteAccepted> stored = votes(poll.pollId(), 0, 12);

        Map<String, Long> before = tallies.replace(poll.pollId(), Map.of("a", 8L, "b", 4L), stored);
        int countedLater = tallies.count(votes(poll.pollId(), 10, 12), Map.of(poll.pollId(), poll));

        assertThat(before).isEqualTo(Map.of("a", 6L, "b", 4L));
        assertThat(tallies.persisted(poll.pollId())).isEqualTo(Map.of("a", 8L, "b", 4L));
        assertThat(countedLater).isZero();
    }
}
