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
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.rushgate.drops.adapter.DynamoDropCatalog.n;
import static dev.rushgate.drops.adapter.DynamoDropCatalog.s;

/**
 * Claims in DynamoDB keyed by ({@code dropId}, {@code claimId}). Storing is one transaction: a put that
 * requires the claim to be absent, and an increment of the drop's {@code confirmed}. A redelivered claim
 * fails the condition, so neither the item nor the count changes: exactly once by idempotency.
 */
public final class DynamoClaimLedger implements ClaimLedger {

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

    @Override
    public boolean store(ClaimAccepted claim) {
        if (dropsTable == null) throw new IllegalStateException("this function may not store claims");
        var put = TransactWriteItem.builder().put(p -> p.tableName(claimsTable)
                .item(Map.of("dropId", s(claim.dropId()), "claimId", s(claim.claimId()), "userId", s(claim.userId()),
                        "acceptedAt", n(claim.acceptedAt()), "storedAt", n(clock.millis())))
                .conditionExpression("attribute_not_exists(claimId)")).build();
        var count = TransactWriteItem.builder().update(u -> u.tableName(dropsTable)
                .key(Map.of("dropId", s(claim.dropId())))
                .updateExpression("ADD confirmed :one")
                .expressionAttributeValues(Map.of(":one", n(1)))).build();
        try {
            dynamo.transactWriteItems(t -> t.transactItems(put, count));
            return true;
        } catch (TransactionCanceledException e) {
            boolean alreadyStored = e.hasCancellationReasons()
                    && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code());
            if (alreadyStored) return false;
            throw e;
        }
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
                Instant.ofEpochMilli(Long.parseLong(item.get("storedAt").n())));
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
