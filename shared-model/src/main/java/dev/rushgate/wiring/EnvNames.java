package dev.rushgate.wiring;

import java.util.Locale;

/**
 * Every environment variable a function reads, in one place. The CDK app sets them on each function from
 * its {@link Needs}; the local stack sets the same names as system properties.
 */
public final class EnvNames {
    private EnvNames() {}

    /** Redis host:port (ElastiCache Serverless endpoint in the cloud). */
    public static final String REDIS_ENDPOINT = "RUSHGATE_REDIS_ENDPOINT";
    /** Milliseconds a sold-out or closed drop is refused from an environment's memory (default 1000; 0: never). */
    public static final String REFUSAL_MEMORY_MS = "RUSHGATE_REFUSAL_MEMORY_MS";
    /**
     * How long the claims queue must be seen empty before a drop the cache lost is rebuilt from storage (ms; default
     * 60,000, as SQS's approximate counts may lag a minute; the local stack's ElasticMQ counts exactly).
     */
    public static final String RECOVERY_SETTLE_MS = "RUSHGATE_RECOVERY_SETTLE_MS";
    /**
     * Milliseconds a vote waits for the vote stream to hold it before answering, then settles its outbox entry alone
     * (default 2,000 in Lambda, whose environment may be frozen once it answers; 0 in the local stack, whose one
     * process answers at once and settles the votes of concurrent callers together).
     */
    public static final String VOTE_AWAIT_APPEND_MS = "RUSHGATE_VOTE_AWAIT_APPEND_MS";
    /** "true" when Redis speaks TLS (ElastiCache Serverless always does). */
    public static final String REDIS_TLS = "RUSHGATE_REDIS_TLS";
    /** "true" when Redis runs in cluster mode (ElastiCache Serverless always does). */
    public static final String REDIS_CLUSTER = "RUSHGATE_REDIS_CLUSTER";
    /** Override for the DynamoDB endpoint (local stack only). */
    public static final String DYNAMODB_ENDPOINT = "RUSHGATE_DYNAMODB_ENDPOINT";
    /** Override for the SQS endpoint (local stack only). */
    public static final String SQS_ENDPOINT = "RUSHGATE_SQS_ENDPOINT";
    /** Kafka bootstrap servers. */
    public static final String KAFKA_BOOTSTRAP = "RUSHGATE_KAFKA_BOOTSTRAP";
    /** "true" when Kafka clients authenticate with IAM over TLS (MSK Serverless always does). */
    public static final String KAFKA_IAM = "RUSHGATE_KAFKA_IAM";
    /** JDBC URL of PostgreSQL. */
    public static final String DATABASE_URL = "RUSHGATE_DATABASE_URL";
    /** ARN of the secret holding database credentials (cloud), or user:password (local). */
    public static final String DATABASE_SECRET = "RUSHGATE_DATABASE_SECRET";
    /** Most connections a function's pool opens (default 2; the local stack's functions share one pool). */
    public static final String DATABASE_POOL_SIZE = "RUSHGATE_DATABASE_POOL_SIZE";
    /**
     * Where admission tokens' signing keys come from: {@link #GENERATED_KEYS} (made in memory at start; the
     * local stack, whose functions share one process), or the ARN of the Secrets Manager secret holding them
     * as a JWK set (the cloud; set on functions whose {@link Needs#admissionKeys()} reads them).
     */
    public static final String ADMISSION_KEYS = "RUSHGATE_ADMISSION_KEYS";
    /** {@link #ADMISSION_KEYS} value: keys generated in memory. */
    public static final String GENERATED_KEYS = "generated";
    // Ticketing
    /** Base URL of the Stripe-like payment provider (the local stack's simulator, or the provider in the cloud). */
    public static final String PAYMENTS_URL = "RUSHGATE_PAYMENTS_URL";
    /** The provider's secret key: the key itself locally, the ARN of the Secrets Manager secret holding it in the cloud. */
    public static final String PAYMENTS_SECRET = "RUSHGATE_PAYMENTS_SECRET";
    /**
     * The operators' Slack-compatible webhook for alarms and alerts: the URL itself locally (absent: none), the ARN of
     * the Secrets Manager secret holding it in the cloud (holding {@code unset}: none).
     */
    public static final String ADMIN_WEBHOOK = "RUSHGATE_ADMIN_WEBHOOK";
    /** Optional: where waitlist notices are also POSTed as JSON (they are always stored). */
    public static final String NOTIFICATION_WEBHOOK_URL = "RUSHGATE_NOTIFICATION_WEBHOOK_URL";
    // Feed
    /**
     * The categories a post may name, comma-separated, while the upstream user service's are not cached yet (a cold
     * cache with the upstream down): the deployment's fallback.
     */
    public static final String FEED_CATEGORIES = "RUSHGATE_FEED_CATEGORIES";
    /** Followers from which an author's posts are merged into inboxes at read time instead of fanned out. */
    public static final String FEED_LOUD_AUTHOR_FOLLOWERS = "RUSHGATE_FEED_LOUD_AUTHOR_FOLLOWERS";
    /** The Bedrock model (or inference profile) id that inspects posts with Converse. */
    public static final String BEDROCK_MODEL_ID = "RUSHGATE_BEDROCK_MODEL_ID";
    /** The Bedrock guardrail's id, and its version, that posts pass through first (ApplyGuardrail). */
    public static final String BEDROCK_GUARDRAIL_ID = "RUSHGATE_BEDROCK_GUARDRAIL_ID";
    public static final String BEDROCK_GUARDRAIL_VERSION = "RUSHGATE_BEDROCK_GUARDRAIL_VERSION";
    /** Base URL of the user service another team runs ({@code GET /users/{id}}, {@code GET /categories}). */
    public static final String UPSTREAM_URL = "RUSHGATE_UPSTREAM_URL";
    /** The posts search: the OpenSearch endpoint ({@code https://…} of the domain; the embedded node's locally). */
    public static final String SEARCH_ENDPOINT = "RUSHGATE_SEARCH_ENDPOINT";
    /** "true" when search requests are SigV4-signed (the OpenSearch Service domain); the local node takes them plain. */
    public static final String SEARCH_SIGNED = "RUSHGATE_SEARCH_SIGNED";
    /** Override for the Bedrock Runtime endpoint (local stack only: its simulator). */
    public static final String BEDROCK_ENDPOINT = "RUSHGATE_BEDROCK_ENDPOINT";
    /** The function's declaration id: Powertools' service name. */
    public static final String SERVICE = "POWERTOOLS_SERVICE_NAME";
    /** The PostgreSQL role a function logs in as with IAM authentication tokens (the cloud; no secret then). */
    public static final String DATABASE_IAM_USER = "RUSHGATE_DATABASE_IAM_USER";
    /** The functions' own PostgreSQL role: rows only; the master user owns the schema and migrates it. */
    public static final String DATABASE_APP_ROLE = "rushgate_app";
    /** The features deployed with this function, comma-separated (absent: all of them). */
    public static final String FEATURES = "RUSHGATE_FEATURES";
    /** Metrics namespace shared by every function. */
    public static final String METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";

    /** The variable holding the physical name of a declared table, e.g. {@code TABLE_DROPS}. */
    public static String table(String tableId) {
        return "TABLE_" + upper(tableId);
    }

    /** The variable holding the URL of a declared queue, e.g. {@code QUEUE_CLAIMS_URL}. */
    public static String queueUrl(String queueId) {
        return "QUEUE_" + upper(queueId) + "_URL";
    }

    /** The variable holding the name of a declared topic, e.g. {@code TOPIC_VOTES}. */
    public static String topic(String topicId) {
        return "TOPIC_" + upper(topicId);
    }

    private static String upper(String id) {
        return id.replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
