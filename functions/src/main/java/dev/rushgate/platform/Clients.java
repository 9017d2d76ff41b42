package dev.rushgate.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rushgate.wiring.EnvNames;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

import javax.sql.DataSource;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The clients of one execution environment, built once and shared by every handler in it. Redis is
 * connected lazily and dropped before a SnapStart snapshot: a connection made before the snapshot is dead
 * after restore, so the first use after restore opens a fresh one.
 */
public final class Clients implements Resource {

    private static final Clients INSTANCE = new Clients();
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);

    private volatile RedisConnection redis;
    private volatile DynamoDbClient dynamo;
    private volatile SqsClient sqs;
    private volatile SecretsManagerClient secretsManager;
    private volatile BedrockRuntimeClient bedrock;
    private volatile DynamoDbStreamsClient dynamoStreams;
    private volatile HikariDataSource database;
    private volatile Producer<String, String> kafka;
    private volatile Admin kafkaAdmin;

    private Clients() {
        Core.getGlobalContext().register(this);
    }

    public static Clients get() {
        return INSTANCE;
    }

    /** Commands on the one shared Redis connection; Lettuce pipelines concurrent callers over it. */
    public RedisClusterCommands<String, String> redis() {
        return redisConnection().commands();
    }

    /** The same shared connection's commands without waiting, for callers that chain on the answer. */
    public RedisClusterAsyncCommands<String, String> redisAsync() {
        return redisConnection().async();
    }

    private RedisConnection redisConnection() {
        RedisConnection current = redis;
        if (current == null) {
            synchronized (this) {
                current = redis;
                if (current == null) redis = current = RedisConnection.open();
            }
        }
        return current;
    }

    /** True when Redis answers a PING: what health checks ask. */
    public boolean redisAnswers() {
        return "PONG".equals(redis().ping());
    }

    public DynamoDbClient dynamo() {
        DynamoDbClient current = dynamo;
        if (current == null) {
            synchronized (this) {
                current = dynamo;
                if (current == null) {
                    DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClientBuilder(http());
                    localEndpoint(EnvNames.DYNAMODB_ENDPOINT).ifPresent(uri -> local(builder.endpointOverride(uri)));
                    dynamo = current = builder.build();
                }
            }
        }
        return current;
    }

    /** DynamoDB Streams: only the dead-letter view's replay of a stream's failed batches reads it. */
    public DynamoDbStreamsClient dynamoStreams() {
        DynamoDbStreamsClient current = dynamoStreams;
        if (current == null) {
            synchronized (this) {
                current = dynamoStreams;
                if (current == null) {
                    var builder = DynamoDbStreamsClient.builder().httpClientBuilder(http());
                    localEndpoint(EnvNames.DYNAMODB_ENDPOINT).ifPresent(uri -> local(builder.endpointOverride(uri)));
                    dynamoStreams = current = builder.build();
                }
            }
        }
        return current;
    }

    public SqsClient sqs() {
        SqsClient current = sqs;
        if (current == null) {
            synchronized (this) {
                current = sqs;
                if (current == null) {
                    SqsClientBuilder builder = SqsClient.builder().httpClientBuilder(http());
                    localEndpoint(EnvNames.SQS_ENDPOINT).ifPresent(uri -> local(builder.endpointOverride(uri)));
                    sqs = current = builder.build();
                }
            }
        }
        return current;
    }

    /**
     * Bedrock Runtime, for the feed's inspection. A call gives up after {@link #BEDROCK_CALL_TIMEOUT} (its tries
     * included), so a slow model fails the record, which the stream retries, instead of the whole batch's time.
     */
    public BedrockRuntimeClient bedrock() {
        BedrockRuntimeClient current = bedrock;
        if (current == null) {
            synchronized (this) {
                current = bedrock;
                if (current == null) {
                    var builder = BedrockRuntimeClient.builder().httpClientBuilder(http())
                            .overrideConfiguration(c -> c.apiCallTimeout(BEDROCK_CALL_TIMEOUT)
                                    .apiCallAttemptTimeout(BEDROCK_CALL_TIMEOUT.dividedBy(2)));
                    localEndpoint(EnvNames.BEDROCK_ENDPOINT).ifPresent(uri -> local(builder.endpointOverride(uri)));
                    bedrock = current = builder.build();
                }
            }
        }
        return current;
    }

    public static final Duration BEDROCK_CALL_TIMEOUT = Duration.ofSeconds(20);

    /**
     * A setting that is the value itself locally and, in the cloud, the ARN of the secret holding it (the payment key,
     * the operators' webhook): the secret's value for an ARN, else the setting as it is.
     */
    public String valueOrSecret(String setting) {
        return setting.startsWith("arn:")
                ? secretsManager().getSecretValue(b -> b.secretId(setting)).secretString() : setting;
    }

    /** Secrets Manager: the cloud's admission keys, database master user, payment key and operators' webhook. */
    public SecretsManagerClient secretsManager() {
        SecretsManagerClient current = secretsManager;
        if (current == null) {
            synchronized (this) {
                current = secretsManager;
                if (current == null) secretsManager = current = SecretsManagerClient.builder().httpClientBuilder(http()).build();
            }
        }
        return current;
    }

    // ---- Kafka (voting) ----

    /**
     * The one Kafka producer of this execution environment, shared by every caller (KafkaProducer is thread
     * safe and batches concurrent sends). Idempotent with {@code acks=all}: a retried send never duplicates a
     * record within the producer's session. Bounded: a send that cannot be confirmed within
     * {@link #KAFKA_DELIVERY_TIMEOUT} fails, and metadata waits at most {@link #KAFKA_MAX_BLOCK}. MSK Serverless
     * needs IAM authentication over TLS ({@code RUSHGATE_KAFKA_IAM=true}, with aws-msk-iam-auth on the classpath).
     * CloudFormation cannot create MSK topics, so the first producer creates the declared topics it writes to.
     */
    public Producer<String, String> kafka() {
        Producer<String, String> current = kafka;
        if (current == null) {
            synchronized (this) {
                current = kafka;
                if (current == null) {
                    Map<String, Object> config = kafkaConfig();
                    KafkaTopics.ensureDeclared(config); // best effort: a send to a missing topic fails on its own
                    kafka = current = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
                }
            }
        }
        return current;
    }

    public static final Duration KAFKA_MAX_BLOCK = Duration.ofSeconds(2);
    public static final Duration KAFKA_DELIVERY_TIMEOUT = Duration.ofSeconds(5);

    private static Map<String, Object> kafkaConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Config.required(EnvNames.KAFKA_BOOTSTRAP));
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // A little lingering lets concurrent votes share a request; callers wait for their record anyway.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) KAFKA_MAX_BLOCK.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KAFKA_DELIVERY_TIMEOUT.toMillis() - 1_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) KAFKA_DELIVERY_TIMEOUT.toMillis());
        if (Config.optional(EnvNames.KAFKA_IAM).map(Boolean::parseBoolean).orElse(false)) {
            config.put("security.protocol", "SASL_SSL");
            config.put("sasl.mechanism", "AWS_MSK_IAM");
            config.put("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;");
            config.put("sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
        }
        return config;
    }

    /**
     * A Kafka admin client, built on first use, for reading how far consumers are (a rare call: recovering a poll the
     * cache lost). Its calls time out after {@link #KAFKA_DELIVERY_TIMEOUT}.
     */
    public Admin kafkaAdmin() {
        Admin current = kafkaAdmin;
        if (current == null) {
            synchronized (this) {
                current = kafkaAdmin;
                if (current == null) {
                    Map<String, Object> config = KafkaTopics.connection(kafkaConfig());
                    config.put("default.api.timeout.ms", (int) KAFKA_DELIVERY_TIMEOUT.toMillis());
                    config.put("request.timeout.ms", (int) KAFKA_DELIVERY_TIMEOUT.toMillis());
                    kafkaAdmin = current = Admin.create(config);
                }
            }
        }
        return current;
    }

    private void closeKafka() {
        Producer<String, String> current = kafka;
        kafka = null;
        if (current != null) current.close(Duration.ofSeconds(5));
        Admin admin = kafkaAdmin;
        kafkaAdmin = null;
        if (admin != null) admin.close(Duration.ofSeconds(5));
    }

    // ---- end Kafka ----

    /**
     * PostgreSQL (Aurora in the cloud) through a small pool, opened on first use and closed before a
     * SnapStart snapshot like Redis. One Lambda runs one invocation at a time, so a few connections are
     * plenty there; the local stack, whose functions share this pool, sizes it up with
     * {@link EnvNames#DATABASE_POOL_SIZE}.
     */
    public DataSource database() {
        HikariDataSource current = database;
        if (current == null) {
            synchronized (this) {
                current = database;
                if (current == null) database = current = openDatabase();
            }
        }
        return current;
    }

    private HikariDataSource openDatabase() {
        HikariConfig config = new HikariConfig();
        String url = Config.required(EnvNames.DATABASE_URL);
        var iamUser = Config.optional(EnvNames.DATABASE_IAM_USER);
        if (iamUser.isPresent()) {
            // The cloud's functions: their own role, logged in with IAM tokens; no secret to read.
            config.setDataSource(IamDatabaseLogin.dataSource(url, iamUser.get(), IamDatabaseLogin.tokens(url,
                    iamUser.get(), software.amazon.awssdk.regions.Region.of(Config.required("AWS_REGION")),
                    software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider.builder().build())));
        } else {
            DatabaseCredentials credentials = DatabaseCredentials.parse(Config.required(EnvNames.DATABASE_SECRET),
                    arn -> secretsManager().getSecretValue(b -> b.secretId(arn)).secretString());
            config.setJdbcUrl(url);
            config.setUsername(credentials.user());
            config.setPassword(credentials.password());
        }
        pool(config, Config.optional(EnvNames.DATABASE_POOL_SIZE).map(Integer::parseInt).orElse(2));
        return new HikariDataSource(config);
    }

    /**
     * The pool's settings. Idle connections close after 30 s, and nothing pings them (no keepalive): Aurora pauses
     * only with no session open. The server also ends the app role's idle sessions after 60 s (migration V6), for
     * environments frozen with one open; Hikari checks a connection idle longer than half a second before lending it.
     */
    static void pool(HikariConfig config, int size) {
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setIdleTimeout(30_000);
        config.setKeepaliveTime(0);
        config.setConnectionTimeout(5_000);
        config.setPoolName("rushgate");
    }

    /**
     * A pooled HTTP client. In Lambda one invocation runs at a time, but a consumer stores a batch's records
     * in parallel, and the local stack runs every function in one JVM, so the pool must hold many keep-alive
     * connections (the URL-connection client keeps five and reopens the rest).
     */
    private static ApacheHttpClient.Builder http() {
        return ApacheHttpClient.builder().maxConnections(256).connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10)).tcpKeepAlive(true);
    }

    private static Optional<URI> localEndpoint(String name) {
        return Config.optional(name).map(URI::create);
    }

    /** The local stack's engines accept any credentials; a fixed region keeps ARNs predictable. */
    private static void local(software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<?, ?> builder) {
        builder.region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    }

    /**
     * Forgets every client, so the next use builds them from the configuration as it is now. For the local
     * stack, whose engines move to new ports when it starts again in the same JVM; Lambda never needs it.
     */
    public synchronized void reset() {
        beforeCheckpoint(null);
        if (dynamo != null) dynamo.close();
        if (sqs != null) sqs.close();
        if (secretsManager != null) secretsManager.close();
        if (bedrock != null) bedrock.close();
        if (dynamoStreams != null) dynamoStreams.close();
        closeDatabase();
        dynamo = null;
        sqs = null;
        secretsManager = null;
        bedrock = null;
        dynamoStreams = null;
    }

    /** Closes the database pool only: the next use logs in again, with the credentials configured then. */
    public void reopenDatabase() {
        closeDatabase();
    }

    private synchronized void closeDatabase() {
        HikariDataSource current = database;
        database = null;
        if (current != null) current.close();
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        RedisConnection current = redis;
        redis = null;
        if (current != null) current.close();
        closeDatabase();
        // A producer's broker connections die with the snapshot too: the next kafka() call builds a new one.
        closeKafka();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to do: the next redis() call connects anew.
    }

    /** One Redis connection, standalone (local) or cluster mode (ElastiCache Serverless). */
    private record RedisConnection(AutoCloseable client, StatefulConnection<String, String> connection,
                                   RedisClusterCommands<String, String> commands,
                                   RedisClusterAsyncCommands<String, String> async, ClientResources resources) {

        static RedisConnection open() {
            String endpoint = Config.required(EnvNames.REDIS_ENDPOINT);
            int colon = endpoint.lastIndexOf(':');
            RedisURI uri = RedisURI.builder()
                    .withHost(endpoint.substring(0, colon))
                    .withPort(Integer.parseInt(endpoint.substring(colon + 1)))
                    .withSsl(Config.optional(EnvNames.REDIS_TLS).map(Boolean::parseBoolean).orElse(false))
                    .withTimeout(REDIS_TIMEOUT)
                    .build();
            ClientResources resources = DefaultClientResources.create();
            TimeoutOptions timeouts = TimeoutOptions.enabled(REDIS_TIMEOUT);
            if (Config.optional(EnvNames.REDIS_CLUSTER).map(Boolean::parseBoolean).orElse(false)) {
                RedisClusterClient client = RedisClusterClient.create(resources, uri);
                client.setOptions(ClusterClientOptions.builder().timeoutOptions(timeouts).build());
                var connection = client.connect();
                return new RedisConnection(client::shutdown, connection, connection.sync(), connection.async(),
                        resources);
            }
            RedisClient client = RedisClient.create(resources, uri);
            client.setOptions(ClientOptions.builder().timeoutOptions(timeouts).build());
            var connection = client.connect();
            return new RedisConnection(client::shutdown, connection, connection.sync(), connection.async(), resources);
        }

        void close() {
            connection.close();
            try {
                client.close();
            } catch (Exception ignored) {
                // shutting down a client that is going away anyway
            }
            resources.shutdown();
        }
    }
}
