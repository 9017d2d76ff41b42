package dev.rushgate.votes.adapter;

import dev.rushgate.model.VoteAccepted;
import dev.rushgate.testing.LocalDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Votes against the project's DynamoDB engine: each stored once, whatever is redelivered. */
class DynamoVoteLedgerIT {

    private static LocalDynamoDb local;
    private static DynamoDbClient dynamo;
    private static DynamoVoteLedger ledger;

    @BeforeAll
    static void createTable() {
        local = LocalDynamoDb.start();
        dynamo = local.client();
        local.createTable("votes", "pollShard", "voteId");
        ledger = new DynamoVoteLedger(dynamo, "votes");
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    private static List<VoteAccepted> votes(String pollId, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new VoteAccepted(pollId, pollId + "-v" + i, "u" + i,
                i % 2 == 0 ? "a" : "b", 1_700_000_000_000L + i)).toList();
    }

    private static List<VoteAccepted> stored(String pollId) {
        List<VoteAccepted> out = new ArrayList<>();
        ledger.forEach(pollId, out::add);
        return out;
    }

    @Test
    void storesEveryVoteOnce_acrossShards_howeverOftenTheBatchComesBack() {
        // given 250 votes (three transactions), stored once
        List<VoteAccepted> batch = votes("ledger", 0, 250);
        ledger.storeAll(batch);

        // when the same batch comes back, then one overlapping it that holds a vote twice
        ledger.storeAll(batch);
        List<VoteAccepted> overlapping = new ArrayList<>(votes("ledger", 200, 300));
        overlapping.add(overlapping.getFirst());
        ledger.storeAll(overlapping);

        // then each of the 300 votes is stored once, as it was first written
        List<VoteAccepted> all = stored("ledger");
        assertThat(all).hasSize(300).doesNotHaveDuplicates();
        assertThat(all).containsExactlyInAnyOrderElementsOf(votes("ledger", 0, 300));
        long shards = dynamo.scanPaginator(b -> b.tableName("votes")).items().stream()
                .map(i -> i.get("pollShard").s()).distinct().count();
        assertThat(shards).isGreaterThan(1);
    }

    @Test
    void keepsTheFirstWrite_whenAVoteIdComesBackWithOtherContent() {
        var first = new VoteAccepted("first-wins", "vote-1", "u-1", "a", 1_700_000_000_000L);
        ledger.storeAll(List.of(first));

        ledger.storeAll(List.of(new VoteAccepted("first-wins", "vote-1", "u-1", "b", 1_700_000_000_001L)));

        assertThat(stored("first-wins")).containsExactly(first);
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName("votes").key(Map.of(
                "pollShard", AttributeValue.fromS(DynamoVoteLedger.shardKey("first-wins", "vote-1")),
                "voteId", AttributeValue.fromS("vote-1")))).item();
        assertThat(item.get("optionId").s()).isEqualTo("a");
    }

    @Test
    void keepsTheVotersIdempotencyKey_forARebuildOfTheCache() {
        var keyed = new VoteAccepted("keys", "vote-k", "u-1", "a", 1_700_000_000_000L, "key-1");
        var plain = new VoteAccepted("keys", "vote-p", "u-2", "b", 1_700_000_000_000L);

        ledger.storeAll(List.of(keyed, plain));

        assertThat(stored("keys")).containsExactlyInAnyOrder(keyed, plain);
    }
}
