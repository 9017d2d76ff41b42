package dev.rushgate.ops.adapter;

import dev.rushgate.ops.domain.SentAlerts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * {@link SentAlerts} in the {@code admin-alerts} table: one item an alert ({@code alertId}), {@code state} {@code posting}
 * with a 30-second lease (longer than a post may take), then {@code sent}. One conditional write a step, so two copies
 * handled at once cannot both take the lease. A copy handled after a lease lapsed (its poster died mid-post) posts again:
 * the webhook may then see it twice, with the same {@code Idempotency-Key}. Items are a few hundred bytes, one per alarm
 * state change or poll alert, and are kept.
 */
public final class DynamoSentAlerts implements SentAlerts {
    static final Duration LEASE = Duration.ofSeconds(30);
    private static final String POSTING = "posting";
    private static final String SENT = "sent";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoSentAlerts(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Begin begin(String alertId) {
        long now = clock.millis();
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of("alertId", s(alertId), "state", s(POSTING), "leaseUntil", n(now + LEASE.toMillis())))
                    .conditionExpression("attribute_not_exists(alertId) OR (#state = :posting AND leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":posting", s(POSTING), ":now", n(now)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Begin.BEGUN;
        } catch (ConditionalCheckFailedException e) {
            AttributeValue state = e.hasItem() ? e.item().get("state") : null;
            return state != null && SENT.equals(state.s()) ? Begin.ALREADY_SENT : Begin.BUSY;
        }
    }

    @Override
    public void sent(String alertId) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of("alertId", s(alertId), "state", s(SENT),
                "sentAt", n(clock.millis()))));
    }

    @Override
    public void failed(String alertId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Map.of("alertId", s(alertId)))
                    .conditionExpression("#state = :posting")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":posting", s(POSTING))));
        } catch (ConditionalCheckFailedException alreadySentOrGone) {
            // nothing to let go
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
