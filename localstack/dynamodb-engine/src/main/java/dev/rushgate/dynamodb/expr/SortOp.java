package dev.rushgate.dynamodb.expr;

/** The comparisons a Query may apply to the sort key. */
public enum SortOp { EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH }
