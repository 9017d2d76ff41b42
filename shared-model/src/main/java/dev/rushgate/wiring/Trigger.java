package dev.rushgate.wiring;

import java.util.List;
import java.util.Objects;

/** What makes a function run. Each kind maps to one AWS event source and one local poller or route. */
public sealed interface Trigger {

    /**
     * An HTTP API route. {@code path} uses API Gateway's syntax ({@code /v1/drops/{dropId}});
     * {@code $default} catches every request no other route matches.
     */
    record Http(String method, String path, Access access) implements Trigger {
        public Http {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(access, "access");
            if (!path.equals(DEFAULT_PATH) && !path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with / or be $default: " + path);
            }
        }

        /** The catch-all route key of an HTTP API. */
        public static final String DEFAULT_PATH = "$default";

        /** API Gateway's route key, e.g. {@code POST /v1/drops/{dropId}/claims}. */
        public String routeKey() {
            return path.equals(DEFAULT_PATH) ? DEFAULT_PATH : method + " " + path;
        }
    }

    /**
     * An SQS event source. Batch item failures are always reported, so one bad message never makes
     * its batch-mates run again; {@code maxBatchingWindowSeconds} trades latency for fewer invocations.
     */
    record Sqs(String queue, int batchSize, int maxBatchingWindowSeconds) implements Trigger {
        public Sqs {
            Objects.requireNonNull(queue, "queue");
            if (batchSize < 1 || batchSize > 10_000) throw new IllegalArgumentException("batchSize 1..10000");
            if (maxBatchingWindowSeconds < 0 || maxBatchingWindowSeconds > 300) {
                throw new IllegalArgumentException("maxBatchingWindowSeconds 0..300");
            }
        }
    }

    /** A Kafka (MSK) event source; records that keep failing go to the {@code onFailureQueue}. */
    record Kafka(String topic, int batchSize, String onFailureQueue) implements Trigger {
        public Kafka {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(onFailureQueue, "onFailureQueue");
            if (batchSize < 1 || batchSize > 10_000) throw new IllegalArgumentException("batchSize 1..10000");
        }
    }

    /**
     * A DynamoDB Streams event source on a declared table that has a stream ({@link TableSpec#streamViewType()}).
     * Records of the table's shard reach the function in commit order, from the oldest kept (TRIM_HORIZON), in
     * batches of up to {@code batchSize}. Batch item failures are always reported: the handler answers a
     * {@code StreamsEventResponse} naming the sequence number of the first record it could not handle, and the
     * batch is retried from there. A failing batch is tried {@code maxRetries} more times (-1: until the record
     * expires, as Lambda's default), split in halves first when {@code bisectOnError}; then a record of the
     * failing batch is described on {@code onFailureQueue} and the shard moves on.
     *
     * @param filters Lambda event filter patterns, each a JSON object matched against the record as Lambda sees
     *                it (e.g. {@code {"dynamodb":{"NewImage":{"status":{"S":["PUBLISHED"]}}}}}); a record passes
     *                when any pattern matches, or always when the list is empty. At most 5, as Lambda allows.
     */
    record DynamoStream(String table, int batchSize, int maxRetries, boolean bisectOnError, String onFailureQueue,
                        List<String> filters) implements Trigger {
        public DynamoStream {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(onFailureQueue, "onFailureQueue");
            filters = List.copyOf(Objects.requireNonNull(filters, "filters"));
            if (batchSize < 1 || batchSize > 10_000) throw new IllegalArgumentException("batchSize 1..10000");
            if (maxRetries < -1 || maxRetries > 10_000) throw new IllegalArgumentException("maxRetries -1..10000");
            if (filters.size() > 5) throw new IllegalArgumentException("at most 5 filter patterns");
            for (String f : filters) {
                if (!f.strip().startsWith("{")) throw new IllegalArgumentException("a filter is a JSON object: " + f);
            }
        }

        /** A consumer without filters. */
        public DynamoStream(String table, int batchSize, int maxRetries, boolean bisectOnError, String onFailureQueue) {
            this(table, batchSize, maxRetries, bisectOnError, onFailureQueue, List.of());
        }
    }

    /**
     * A fixed-rate schedule (EventBridge Scheduler in the cloud, a timer locally). The cloud's shortest
     * rate is one minute; {@code localRateSeconds} lets the laptop run it more often.
     */
    record Schedule(int rateMinutes, int localRateSeconds) implements Trigger {
        public Schedule {
            if (rateMinutes < 1) throw new IllegalArgumentException("rateMinutes >= 1");
            if (localRateSeconds < 1) throw new IllegalArgumentException("localRateSeconds >= 1");
        }
    }

    /**
     * Runs once after each deployment, before traffic depends on what it prepares (database migrations):
     * a CDK trigger in the cloud, which fails the deployment when the function fails; once at start,
     * after provisioning, in the local stack.
     */
    record Deploy() implements Trigger {
    }
}
