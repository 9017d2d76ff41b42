package dev.rushgate.votes.handler;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import dev.rushgate.model.VoteAccepted;
import dev.rushgate.platform.Json;
import dev.rushgate.votes.domain.AlertChannel;
import dev.rushgate.votes.domain.CountVotes;
import dev.rushgate.votes.domain.FiredAlert;
import dev.rushgate.votes.domain.Poll;
import dev.rushgate.votes.domain.PollCatalog;
import dev.rushgate.votes.domain.SendPollAlerts;
import dev.rushgate.votes.domain.TallyBook;
import dev.rushgate.votes.domain.VoteLedger;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Kafka handler on events shaped as Lambda's MSK event source sends them, with in-memory ports. */
class CountVotesKafkaHandlerTest {

    private static final Poll POLL = new Poll("p", "Which?", List.of(new Poll.Option("a", "A"), new Poll.Option("b", "B")),
            Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2099-01-01T00:00:00Z"), List.of(), null, null);

    /** Every port in memory: one poll, the ledger a map by vote id, the tallies counting each vote id once. */
    private static final class Memory implements PollCatalog, VoteLedger, TallyBook, AlertChannel {
        final Map<String, VoteAccepted> stored = new LinkedHashMap<>();
        final Map<String, VoteAccepted> counted = new HashMap<>();

        @Override public boolean save(Poll poll) { return false; }
        @Override public Optional<Poll> find(String pollId) { return pollId.equals(POLL.pollId()) ? Optional.of(POLL) : Optional.empty(); }
        @Override public List<String> recentPollIds() { return List.of(POLL.pollId()); }
        @Override public void storeAll(List<VoteAccepted> votes) { votes.forEach(v -> stored.putIfAbsent(v.voteId(), v)); }
        @Override public void forEach(String pollId, Consumer<VoteAccepted> sink) { stored.values().forEach(sink); }
        @Override public int count(List<VoteAccepted> votes, Map<String, Poll> polls) {
            int n = 0;
            for (VoteAccepted v : votes) if (counted.putIfAbsent(v.voteId(), v) == null) n++;
            return n;
        }
        @Override public Map<String, Long> persisted(String pollId) { return Map.of(); }
        @Override public List<FiredAlert> alerts(String pollId, long afterSeq, int limit) { return List.of(); }
        @Override public Map<String, Long> replace(String pollId, Map<String, Long> s, Collection<VoteAccepted> v) { return Map.of(); }
        @Override public int drainAlerts(AlertSender sender, int max) { return 0; }
        @Override public void publish(FiredAlert alert) { }
        @Override public void notify(FiredAlert alert, String question, URI webhookUrl) { }
    }

    private final Memory memory = new Memory();
    private final CountVotesKafkaHandler handler = new CountVotesKafkaHandler(new CountVotes(memory, memory, memory,
            new SendPollAlerts(memory, memory, memory, new dev.rushgate.platform.DueWork() {
                @Override public void due(String id, java.time.Instant at) { }
                @Override public Check check(java.time.Instant now) { return Check.DUE; }
                @Override public void swept(java.time.Instant began, boolean complete,
                                            java.util.Optional<java.time.Instant> next, boolean full) { }
            }, java.time.Clock.systemUTC())));

    private static KafkaEvent.KafkaEventRecord record(int partition, long offset, String value) {
        var r = new KafkaEvent.KafkaEventRecord();
        r.setTopic("votes");
        r.setPartition(partition);
        r.setOffset(offset);
        r.setKey(Base64.getEncoder().encodeToString("p".getBytes(StandardCharsets.UTF_8)));
        r.setValue(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    private static KafkaEvent event(Map<String, List<KafkaEvent.KafkaEventRecord>> records) {
        var event = new KafkaEvent();
        event.setEventSource("aws:kafka");
        event.setRecords(records);
        return event;
    }

    private static String vote(String id, String option) {
        return Json.write(new VoteAccepted("p", id, "u-" + id, option, 1_700_000_000_000L));
    }

    @Test
    void countsTheVotesOfEveryPartition_once_evenWhenTheBatchIsDeliveredAgain() {
        // given a batch over two partitions
        var batch = event(Map.of("votes-0", List.of(record(0, 0, vote("v1", "a")), record(0, 1, vote("v2", "b"))),
                "votes-3", List.of(record(3, 7, vote("v3", "a")))));

        // when it is delivered twice
        Map<String, Integer> first = handler.handleRequest(batch, null);
        Map<String, Integer> again = handler.handleRequest(batch, null);

        // then
        assertThat(first).isEqualTo(Map.of("votes", 3, "counted", 3));
        assertThat(again).isEqualTo(Map.of("votes", 3, "counted", 0));
        assertThat(memory.stored).containsOnlyKeys("v1", "v2", "v3");
    }

    @Test
    void failsTheWholeBatch_andChangesNothing_whenARecordIsNotAVote_orNamesAnUnknownOption() {
        var unreadable = event(Map.of("votes-0", List.of(record(0, 0, vote("v1", "a")), record(0, 1, "not json"))));
        var unknownOption = event(Map.of("votes-0", List.of(record(0, 0, vote("v1", "a")), record(0, 1, vote("v2", "z")))));

        assertThatThrownBy(() -> handler.handleRequest(unreadable, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> handler.handleRequest(unknownOption, null)).isInstanceOf(CountVotes.PoisonVote.class);
        assertThat(memory.stored).isEmpty();
        assertThat(memory.counted).isEmpty();
    }
}
