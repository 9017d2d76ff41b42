package dev.rushgate.dynamodb;

import dev.rushgate.dynamodb.value.Value;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A write transaction was cancelled as a whole. {@code reasons} has one entry per action, in the request's order:
 * {@code None} for actions that would have succeeded, {@code ConditionalCheckFailed} (with the item when asked for)
 * or {@code ValidationError} for those that did not.
 */
public final class TransactionCanceledException extends DynamoException {
    private final transient List<Reason> reasons;

    public TransactionCanceledException(List<Reason> reasons) {
        super("TransactionCanceledException", "Transaction cancelled, please refer cancellation reasons for specific reasons "
                + reasons.stream().map(Reason::code).collect(Collectors.joining(", ", "[", "]")));
        this.reasons = List.copyOf(reasons);
    }

    public List<Reason> reasons() {
        return reasons;
    }

    /** Why one action failed, or {@code None}; {@code item} is empty unless the action asked for ALL_OLD. */
    public record Reason(String code, String message, Map<String, Value> item) {
        public static final Reason NONE = new Reason("None", null, Map.of());
    }
}
