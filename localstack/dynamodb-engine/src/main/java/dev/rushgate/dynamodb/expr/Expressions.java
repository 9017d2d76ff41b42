package dev.rushgate.dynamodb.expr;

/**
 * Entry point: parses the expressions of one request against its {@link ExpressionContext}. Parsing validates
 * everything DynamoDB checks before it reads the item (syntax, reserved words, placeholders, function arity,
 * overlapping paths) and throws {@code DynamoException.validation} with DynamoDB's wording, prefixed by the
 * parameter's name ("Invalid ConditionExpression: …"). The results are immutable and reusable.
 */
public final class Expressions {
    private Expressions() {}

    /** Parses a ConditionExpression (PutItem, UpdateItem, DeleteItem, TransactWriteItems). */
    public static Condition condition(String text, ExpressionContext ctx) {
        return new Parser(text, ExpressionKind.CONDITION, ctx).condition();
    }

    /** Parses a FilterExpression (Query, Scan): the grammar of a condition, with its own name in errors. */
    public static Condition filter(String text, ExpressionContext ctx) {
        return new Parser(text, ExpressionKind.FILTER, ctx).condition();
    }

    public static Update update(String text, ExpressionContext ctx) {
        return UpdateExpression.parse(new Parser(text, ExpressionKind.UPDATE, ctx));
    }

    public static Projection projection(String text, ExpressionContext ctx) {
        return ProjectionExpression.parse(new Parser(text, ExpressionKind.PROJECTION, ctx));
    }

    /**
     * KeyConditionExpression for Query. The caller validates the names against the key schema and the value types;
     * with two equalities, call {@link KeyCondition#forPartitionKey} first.
     */
    public static KeyCondition keyCondition(String text, ExpressionContext ctx) {
        return KeyConditionParser.parse(new Parser(text, ExpressionKind.KEY_CONDITION, ctx));
    }

    /** As {@link #keyCondition(String, ExpressionContext)}, with the partition side settled by the table's schema. */
    public static KeyCondition keyCondition(String text, ExpressionContext ctx, String partitionKey) {
        return keyCondition(text, ctx).forPartitionKey(partitionKey);
    }
}
