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

    /** The top-level attributes a condition reads: a Query may not filter on its key attributes. */
    public static java.util.Set<String> attributesRead(Condition condition) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        if (condition instanceof ConditionNode node) collect(node, names);
        return names;
    }

    private static void collect(ConditionNode node, java.util.Set<String> names) {
        switch (node) {
            case ConditionNode.And and -> { collect(and.left(), names); collect(and.right(), names); }
            case ConditionNode.Or or -> { collect(or.left(), names); collect(or.right(), names); }
            case ConditionNode.Not not -> collect(not.operand(), names);
            case ConditionNode.Compare c -> { collect(c.left(), names); collect(c.right(), names); }
            case ConditionNode.Between b -> { collect(b.operand(), names); collect(b.lower(), names); collect(b.upper(), names); }
            case ConditionNode.In in -> { collect(in.operand(), names); in.candidates().forEach(o -> collect(o, names)); }
            case ConditionNode.Exists e -> names.add(e.path().attribute());
            case ConditionNode.NotExists e -> names.add(e.path().attribute());
            case ConditionNode.AttributeType t -> names.add(t.path().attribute());
            case ConditionNode.BeginsWith b -> { collect(b.operand(), names); collect(b.prefix(), names); }
            case ConditionNode.Contains c -> { collect(c.operand(), names); collect(c.member(), names); }
            default -> { }
        }
    }

    private static void collect(Operand operand, java.util.Set<String> names) {
        switch (operand) {
            case Operand.PathOperand p -> names.add(p.path().attribute());
            case Operand.Size size -> collect(size.argument(), names);
            case Operand.IfNotExists i -> { names.add(i.path().attribute()); collect(i.fallback(), names); }
            case Operand.ListAppend l -> { collect(l.first(), names); collect(l.second(), names); }
            case Operand.Arithmetic a -> { collect(a.left(), names); collect(a.right(), names); }
            default -> { }
        }
    }
}
