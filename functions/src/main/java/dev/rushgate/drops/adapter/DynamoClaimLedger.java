package dev.rushgate.drops.adapter;

import dev.rushgate.drops.domain.ClaimLedger;
import dev.rushgate.drops.domain.Page;
import dev.rushgate.drops.domain.StoredClaim;
import dev.rushgate.model.ClaimAccepted;
import dev.rushgate.platform.errors.BadInput;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.rushgate.drops.adapter.DynamoDropCatalog.n;
import static dev.rushgate.drops.adapter.DynamoDropCatalog.s;

/**
 * Claims in DynamoDB keyed by ({@code dropId}, {@code claimId}). Storing is a transaction of puts that
 * require each claim to be absent and an increment of the drop's {@code confirmed} by as many. A
 * redelivered claim fails its condition, so neither the item nor the count changes: exactly once by
 * idempotency.
 */
public final class DynamoClaimLedger implements ClaimLedger {

    /** DynamoDB allows 100 actions a transaction: the claims and one count update. */
    static final int MAX_PER_TRANSACTION = 99;
    /** The caller's Idempotency-Key, kept so that a stock rebuilt from storage still replays the claim. */
    static final String IDEMPOTENCY_KEY = "idempotencyKey";

    private final DynamoDbClient dynamo;
    private final String claimsTable;
    private final String dropsTable;
    private final Clock clock;

    public DynamoClaimLedger(DynamoDbClient dynamo, String claimsTable, String dropsTable, Clock clock) {
        this.dynamo = dynamo;
        this.claimsTable = claimsTable;
        this.dropsTable = dropsTable;
        this.clock = clock;
    }

    /**
     * One transaction per drop and up to 99 claims: a put per claim that requires it to be absent, and one
     * increment of the drop's count by the number put. When a claim is already there the transaction is
     * cancelled as a whole; those claims are dropped and the rest tried again, so a count never includes a
     * claim twice and never misses one.
     */
    @Override
    public Set<String> storeAll(List<ClaimAccepted> claims) {
        if (dropsTable == null) throw new IllegalStateException("this function may not store claims");
        Map<String, Map<String, ClaimAccepted>> byDrop = new LinkedHashMap<>();
        for (ClaimAccepted claim : claims) {
            byDrop.computeIfAbsent(claim.dropId(), d -> new LinkedHashMap<>()).putIfAbsent(claim.claimId(), claim);
        }
        Set<String> stored = new HashSet<>();
        for (var drop : byDrop.entrySet()) {
            List<ClaimAccepted> all = new ArrayList<>(drop.getValue().values());
            for (int from = 0; from < all.size(); from += MAX_PER_TRANSACTION) {
                stored.addAll(storeChunk(drop.getKey(),
                        new ArrayList<>(all.subList(from, Math.min(all.size(), from + MAX_PER_TRANSACTION)))));
            }
        }
        return stored;
    }

    private Set<String> storeChunk(String dropId, List<ClaimAccepted> pending) {
        long storedAt = clock.millis();
        while (!pending.isEmpty()) {
            List<TransactWriteItem> items = new ArrayList<>(pending.size() + 1);
            for (ClaimAccepted claim : pending) {
                Map<String, AttributeValue> item = new HashMap<>(Map.of("dropId", s(claim.dropId()),
                        "claimId", s(claim.claimId()), "userId", s(claim.userId()),
                        "acceptedAt", n(claim.acceptedAt()), "storedAt", n(storedAt)));
                if (claim.idempotencyKey() != null) item.put(IDEMPOTENCY_KEY, s(claim.idempotencyKey()));
                items.add(TransactWriteItem.builder().put(p -> p.tableName(claimsTable).item(item)
                        .conditionExpression("attribute_not_exists(claimId)")).build());
            }
            AttributeValue count = n(pending.size());
            items.add(TransactWriteItem.builder().update(u -> u.tableName(dropsTable)
                    .key(Map.of("dropId", s(dropId)))
                    .updateExpression("ADD confirmed :n")
                    .expressionAttributeValues(Map.of(":n", count))).build());
            try {
                dynamo.transactWriteItems(t -> t.transactItems(items));
                Set<String> ids = new HashSet<>();
                pending.forEach(c -> ids.add(c.claimId()));
                return ids;
            } catch (TransactionCanceledException e) {
                List<ClaimAccepted> fresh = new ArrayList<>();
                for (int i = 0; i < pending.size(); i++) {
                    boolean there = e.hasCancellationReasons() && i < e.cancellationReasons().size()
                            && "ConditionalCheckFailed".equals(e.cancellationReasons().get(i).code());
                    if (!there) fresh.add(pending.get(i));
                }
                if (fresh.size() == pending.size()) throw e; // cancelled for another reason: the caller retries
                pending = fresh;
            }
        }
        return Set.of();
    }

    @Override
    public Optional<StoredClaim> find(String dropId, String claimId) {
        var item = dynamo.getItem(b -> b.tableName(claimsTable).consistentRead(true)
                .key(Map.of("dropId", s(dropId), "claimId", s(claimId))));
        return item.hasItem() && !item.item().isEmpty() ? Optional.of(decode(item.item())) : Optional.empty();
    }

    @Override
    public Page<StoredClaim> page(String dropId, String cursor, int limit) {
        Map<String, AttributeValue> start = cursor == null ? null
                : Map.of("dropId", s(dropId), "claimId", s(decodeCursor(cursor)));
        var result = dynamo.query(q -> q.tableName(claimsTable).consistentRead(true)
                .keyConditionExpression("dropId = :d")
                .expressionAttributeValues(Map.of(":d", s(dropId)))
                .limit(limit).exclusiveStartKey(start));
        String next = result.hasLastEvaluatedKey() && !result.lastEvaluatedKey().isEmpty()
                ? encodeCursor(result.lastEvaluatedKey().get("claimId").s()) : null;
        return new Page<>(result.items().stream().map(DynamoClaimLedger::decode).toList(), next);
    }

    private static StoredClaim decode(Map<String, AttributeValue> item) {
        return new StoredClaim(item.get("dropId").s(), item.get("claimId").s(), item.get("userId").s(),
                Instant.ofEpochMilli(Long.parseLong(item.get("acceptedAt").n())),
                Instant.ofEpochMilli(Long.parseLong(item.get("storedAt").n())),
                item.containsKey(IDEMPOTENCY_KEY) ? item.get(IDEMPOTENCY_KEY).s() : null);
    }

    private static String encodeCursor(String claimId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(claimId.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadInput("invalid-cursor", "cursor is not one we issued");
        }
    }
}
