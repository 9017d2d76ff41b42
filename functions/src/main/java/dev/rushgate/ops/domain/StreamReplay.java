package dev.rushgate.ops.domain;

/**
 * Gives a stream consumer's failed batches another try. The on-failure record of a batch names a shard and a range of
 * sequence numbers, not the changes; the changed items are in the table. So a replay reads the range from the stream
 * (it keeps records 24 hours), and writes each item it names once more, unchanged but for a redrive mark: its new
 * change goes through the stream, the filters and the consumer again. Consumers are idempotent, and their filters
 * pass only items still waiting for them, so an item done since is left alone.
 */
public interface StreamReplay {

    /**
     * Replays up to {@code maxBatches} failed batches of {@code tableId}'s stream recorded in {@code holdingQueueId},
     * and removes each replayed record from it. A record whose records the stream no longer keeps (or that describes
     * no batch) stays, counted as left.
     */
    Replayed replay(String tableId, String holdingQueueId, int maxBatches);

    /**
     * @param batches failed batches replayed and removed
     * @param items   items written again
     * @param left    failure records left where they were: the stream no longer keeps their records, or they
     *                describe no batch
     */
    record Replayed(int batches, int items, int left) {}
}
