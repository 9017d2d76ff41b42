package dev.rushgate.votes.adapter;

import dev.rushgate.model.VoteAccepted;
import dev.rushgate.votes.domain.VoteLedger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Votes in DynamoDB, one item per vote: partition key {@code pollShard} ({@code pollId#0..31}, by the vote id's
 * hash, so a poll's votes spread over 32 partitions instead of hitting one key's write limit) and sort key
 * {@code voteId}. Each put requires the vote to be absent. Puts go in transactions of up to 100, in parallel;
 * a transaction cancelled because some of its votes exist already is retried without them.
 */
public final class DynamoVoteLedger implements VoteLedger {
    static final int SHARDS = 32;
    private static final int PER_TRANSACTION = 100;
    private static final int ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String table;
    private final ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor();

    public DynamoVoteLedger(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void storeAll(List<VoteAccepted> votes) {
        List<Future<?>> chunks = new ArrayList<>();
        for (int from = 0; from < votes.size(); from += PER_TRANSACTION) {
            List<VoteAccepted> chunk = votes.subList(from, Math.min(votes.size(), from + PER_TRANSACTION));
            chunks.add(parallel.submit(() -> store(chunk)));
        }
        for (Future<?> chunk : chunks) {
            try {
                chunk.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while storing votes", e);
            }
        }
    }

    private void store(List<VoteAccepted> chunk) {
        // A transaction may not name one item twice: a batch can hold the same vote twice after a resend.
        Map<String, VoteAccepted> unique = new LinkedHashMap<>();
        chunk.forEach(v -> unique.putIfAbsent(v.voteId(), v));
        List<VoteAccepted> pending = new ArrayList<>(unique.values());
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<TransactWriteItem> puts = pending.stream().map(this::put).toList();
            try {
                dynamo.transactWriteItems(b -> b.transactItems(puts));
                return;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                List<VoteAccepted> retry = new ArrayList<>();
                for (int i = 0; i < pending.size(); i++) {
                    String code = i < reasons.size() ? reasons.get(i).code() : "Unknown";
                    if (!"ConditionalCheckFailed".equals(code)) retry.add(pending.get(i)); // stored already: done
                }
                boolean onlyDuplicates = reasons.stream().allMatch(r -> r.code() == null
                        || r.code().equals("None") || r.code().equals("ConditionalCheckFailed"));
                if (!onlyDuplicates && attempt >= ATTEMPTS) throw e;
                pending = retry;
            }
        }
    }

    private TransactWriteItem put(VoteAccepted vote) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                "pollShard", s(shardKey(vote.pollId(), vote.voteId())), "voteId", s(vote.voteId()),
                "pollId", s(vote.pollId()), "userId", s(vote.userId()), "optionId", s(vote.optionId()),
                "acceptedAt", AttributeValue.fromN(Long.toString(vote.acceptedAt())),
                "storedAt", AttributeValue.fromN(Long.toString(System.currentTimeMillis()))));
        // kept so that a poll the cache lost is rebuilt with it: a replay with the key then gets this vote back
        if (vote.idempotencyKey() != null) item.put("idempotencyKey", s(vote.idempotencyKey()));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(voteId)").build()).build();
    }

    @Override
    public void forEach(String pollId, Consumer<VoteAccepted> sink) {
        for (int shard = 0; shard < SHARDS; shard++) {
            String key = pollId + "#" + shard;
            dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("pollShard = :k")
                            .expressionAttributeValues(Map.of(":k", s(key))).consistentRead(true))
                    .items().forEach(item -> sink.accept(new VoteAccepted(pollId, item.get("voteId").s(),
                            item.get("userId").s(), item.get("optionId").s(), Long.parseLong(item.get("acceptedAt").n()),
                            item.containsKey("idempotencyKey") ? item.get("idempotencyKey").s() : null)));
        }
    }

    static String shardKey(String pollId, String voteId) {
        return pollId + "#" + Math.floorMod(voteId.hashCode(), SHARDS);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
