package dev.rushgate.dynamodb.expr;

import dev.rushgate.dynamodb.value.Value;

import java.util.Map;

/** A parsed ProjectionExpression. Immutable and safe to share; its paths never overlap. */
@FunctionalInterface
public interface Projection {
    /**
     * The part of {@code item} the paths name, nesting kept: {@code a.b} gives {@code {a: {b: …}}}, {@code l[1]}
     * gives {@code {l: [element 1]}} (list elements in index order, compacted). Missing paths are left out.
     */
    Map<String, Value> apply(Map<String, Value> item);
}
