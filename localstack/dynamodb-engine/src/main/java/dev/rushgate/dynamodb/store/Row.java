package dev.rushgate.dynamodb.store;

import dev.rushgate.dynamodb.value.Value;

import java.util.Map;

/** An item read by a Query or Scan, with its size as DynamoDB counts it for the 1 MB page limit. */
public record Row(Map<String, Value> item, int size) {}
