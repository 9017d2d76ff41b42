package dev.rushgate.dynamodb.expr;

import dev.rushgate.dynamodb.DynamoException;

/** Which request parameter an expression came from; DynamoDB names it at the start of every error about it. */
enum ExpressionKind {
    CONDITION("ConditionExpression"),
    FILTER("FilterExpression"),
    UPDATE("UpdateExpression"),
    PROJECTION("ProjectionExpression"),
    KEY_CONDITION("KeyConditionExpression");

    private final String parameter;

    ExpressionKind(String parameter) {
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }

    DynamoException invalid(String message) {
        return DynamoException.validation("Invalid " + parameter + ": " + message);
    }
}
