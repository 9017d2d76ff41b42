package dev.rushgate.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.DeadLetterSource;
import dev.rushgate.wiring.GuardRails;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.Needs;
import dev.rushgate.wiring.Trigger;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.AssetCode;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * One Java 21 Lambda per deployed function of the declaration, all from one shaded jar, each published
 * with SnapStart behind an alias {@code live} that every trigger targets. Environment, grants and VPC
 * placement come from {@link Needs} alone: a function can reach exactly what it declares.
 */
public final class Functions extends Construct implements LiveFunctions {

    /** Every trigger calls this alias, so SnapStart's published version is what runs. */
    public static final String LIVE = "live";
    public static final String METRICS_NAMESPACE = "Rushgate";
    /** The JVM reads this itself; C1 only starts faster and suits short, I/O-bound handlers. */
    static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";
    static final String FAST_START = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    private final Props props;
    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final Map<String, Alias> aliases = new LinkedHashMap<>();

    public Functions(Construct scope, String id, Props props) {
        super(scope, id);
        this.props = props;
        AssetCode code = Code.fromAsset(props.functionsJar().toString());
        props.declaration().deployedFunctions().stream().filter(spec -> props.only().test(spec.id()))
                .forEach(spec -> deploy(spec, code));
    }

    /** The alias {@code live} of a deployed function. */
    @Override
    public IFunction live(String functionId) {
        Alias alias = aliases.get(functionId);
        if (alias == null) throw new IllegalArgumentException("no deployed function " + functionId);
        return alias;
    }

    public Map<String, Function> functions() {
        return Map.copyOf(functions);
    }

    private void deploy(FunctionSpec spec, AssetCode code) {
        String name = props.namePrefix() + "-" + spec.id();
        LogGroup logs = LogGroup.Builder.create(this, spec.id() + "-logs")
                .logGroupName("/aws/lambda/" + name)
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        var builder = Function.Builder.create(this, spec.id())
                .functionName(name)
                .description(spec.handlerClass())
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(spec.lambdaHandler())
                .code(code)
                .memorySize(spec.sizing().memoryMb())
                .timeout(Duration.seconds(spec.sizing().timeoutSeconds()))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                // Active tracing: Lambda records each invocation (init, restore, handler) in X-Ray, and the trace id
                // reaches the logs. No X-Ray SDK in the functions: its instrumentation would add to every SnapStart
                // restore, and an HTTP API (unlike a REST API) sends no trace of its own to join.
                .tracing(Tracing.ACTIVE)
                .environment(environment(spec))
                .logGroup(logs);
        // Reserved: guaranteed to the function, and a cap on it (a consumer cannot starve the API of environments).
        Integer reserved = props.guardRails().reservedConcurrency().get(spec.id());
        if (reserved != null) builder.reservedConcurrentExecutions(reserved);
        boolean inVpc = needsVpc(spec);
        if (inVpc) {
            List<ISecurityGroup> groups = new ArrayList<>(List.of(props.groups().reach(spec)));
            if (readsSecrets(spec)) groups.add(props.groups().secretReaders());
            if (sendsToSqs(spec)) groups.add(props.groups().sqsSenders());
            builder.vpc(props.network().vpc())
                    .vpcSubnets(props.network().privateSubnets())
                    .securityGroups(groups);
        }
        Function function = builder.build();
        Tags.of(function).add(ResourceTags.FUNCTION, spec.id());
        // Our handlers re-open their connections in CRaC's afterRestore, and draw no randomness at init.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Every trigger targets the alias live on the current version");
        acknowledgeManagedPolicies(function, inVpc, spec.trigger() instanceof Trigger.Kafka);
        Alias alias = Alias.Builder.create(this, spec.id() + "-" + LIVE)
                .aliasName(LIVE)
                .version(function.getCurrentVersion())
                .build();
        grant(spec, function);
        functions.put(spec.id(), function);
        aliases.put(spec.id(), alias);
    }

    private static void acknowledgeManagedPolicies(Function function, boolean inVpc, boolean kafkaConsumer) {
        acknowledgeFinding(function, "AwsSolutions-IAM5[Resource::*]", "X-Ray's PutTraceSegments and "
                + "PutTelemetryRecords, added by active tracing, take no resource");
        // Findings that name a policy ARN contain '::', which Validations.acknowledge rejects as an id, so they
        // are recorded in the same metadata cdk-nag reads.
        acknowledgeFinding(function, "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                + "AWSLambdaBasicExecutionRole]", "Writes its own log streams only; every data grant is an inline, "
                + "per-resource policy");
        if (inVpc) {
            acknowledgeFinding(function, "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/"
                    + "service-role/AWSLambdaVPCAccessExecutionRole]", "Lambda needs these ENI actions to attach to "
                    + "the VPC; EC2 does not scope them to resources");
        }
        if (kafkaConsumer) {
            acknowledgeFinding(function, "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/"
                    + "service-role/AWSLambdaMSKExecutionRole]", "Attached by the MSK event source for its poller "
                    + "(describe cluster, ENIs); reading the topic is granted separately, per topic and group");
        }
        Validations.of(function).acknowledge(Acknowledgment.builder().id("AwsSolutions::AwsSolutions-L1")
                .reason("Java 21 is the project's target release; a newer runtime is a deliberate upgrade").build());
    }

    static void acknowledgeFinding(Construct scope, String finding, String reason) {
        scope.getNode().addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, Map.of(finding, reason));
    }

    private Map<String, String> environment(FunctionSpec spec) {
        Needs needs = spec.needs();
        Map<String, String> env = new TreeMap<>();
        env.put(EnvNames.SERVICE, spec.id());
        env.put(EnvNames.FEATURES, String.join(",", props.declaration().features()));
        env.put(EnvNames.METRICS_NAMESPACE, METRICS_NAMESPACE);
        env.put(JAVA_TOOL_OPTIONS, FAST_START);
        needs.tables().forEach(t -> env.put(EnvNames.table(t), props.data().table(t).getTableName()));
        needs.sendsTo().forEach(q -> env.put(EnvNames.queueUrl(q), props.data().queue(q).getQueueUrl()));
        for (String q : needs.watches()) {
            env.put(EnvNames.queueUrl(q), props.data().queue(q).getQueueUrl());
            String dlq = props.declaration().queue(q).dlqId();
            env.put(EnvNames.queueUrl(dlq), props.data().deadLetterQueues().get(q).getQueueUrl());
        }
        needs.producesTo().forEach(t -> env.put(EnvNames.topic(t), t));
        for (String t : needs.lagOf()) {
            env.put(EnvNames.topic(t), t);
            for (FunctionSpec consumer : props.declaration().consumersOf(t)) {
                String failures = ((Trigger.Kafka) consumer.trigger()).onFailureQueue();
                env.put(EnvNames.queueUrl(failures), props.data().queue(failures).getQueueUrl());
            }
        }
        if (needs.deadLetters()) {
            for (DeadLetterSource source : props.declaration().deadLetterSources()) {
                env.put(EnvNames.queueUrl(source.holdingQueue()), holdingQueue(source).getQueueUrl());
                if (source.kind() == DeadLetterSource.Kind.QUEUE) {
                    env.put(EnvNames.queueUrl(source.name()), props.data().queue(source.name()).getQueueUrl());
                }
                if (source.kind() == DeadLetterSource.Kind.STREAM) {
                    env.put(EnvNames.table(source.name()), props.data().table(source.name()).getTableName());
                }
            }
        }
        if (needs.cache()) {
            env.put(EnvNames.REDIS_ENDPOINT, props.cache().endpoint());
            env.put(EnvNames.REDIS_TLS, "true");
            env.put(EnvNames.REDIS_CLUSTER, "true");
        }
        if (needs.database()) {
            // IAM authentication needs TLS; the schema's owner alone logs in with the master secret.
            env.put(EnvNames.DATABASE_URL, props.database().jdbcUrl() + "?sslmode=require");
            if (ownsSchema(spec)) env.put(EnvNames.DATABASE_SECRET, props.database().secret().getSecretArn());
            else env.put(EnvNames.DATABASE_IAM_USER, EnvNames.DATABASE_APP_ROLE);
        }
        if (usesKafka(spec)) {
            env.put(EnvNames.KAFKA_BOOTSTRAP, props.streaming().bootstrapServers());
            env.put(EnvNames.KAFKA_IAM, "true");
        }
        if (needs.admissionKeys().reads()) env.put(EnvNames.ADMISSION_KEYS, props.admissionKeys().secretArn());
        if (needs.payments()) {
            env.put(EnvNames.PAYMENTS_URL, props.payments().url());
            env.put(EnvNames.PAYMENTS_SECRET, props.payments().secretArn());
        }
        if (needs.adminWebhook()) env.put(EnvNames.ADMIN_WEBHOOK, props.adminWebhook().secretArn());
        if (needs.inspects()) env.putAll(props.inspection().environment());
        if (needs.search()) env.putAll(props.search().environment());
        env.putAll(props.settings().getOrDefault(spec.feature(), Map.of()));
        return env;
    }

    private void grant(FunctionSpec spec, Function function) {
        Needs needs = spec.needs();
        needs.reads().forEach(t -> props.data().table(t).grantReadData(function));
        needs.writes().forEach(t -> props.data().table(t).grantReadWriteData(function));
        needs.sendsTo().forEach(q -> props.data().queue(q).grantSendMessages(function));
        for (String q : needs.watches()) {
            props.data().queue(q).grant(function, "sqs:GetQueueAttributes");
            props.data().deadLetterQueues().get(q).grant(function, "sqs:GetQueueAttributes");
        }
        needs.producesTo().forEach(t -> props.streaming().grantProduce(function, t));
        for (String t : needs.lagOf()) {
            List<FunctionSpec> consumers = props.declaration().consumersOf(t);
            props.streaming().grantWatchConsumers(function, t, consumers.stream().map(FunctionSpec::id).toList());
            for (FunctionSpec consumer : consumers) {
                props.data().queue(((Trigger.Kafka) consumer.trigger()).onFailureQueue())
                        .grant(function, "sqs:GetQueueAttributes");
            }
        }
        if (needs.database() && ownsSchema(spec)) props.database().secret().grantRead(function);
        else if (needs.database()) props.database().cluster().grantConnect(function, EnvNames.DATABASE_APP_ROLE);
        if (needs.deadLetters()) {
            for (DeadLetterSource source : props.declaration().deadLetterSources()) {
                // count (attributes) and sample (receive); a move task also deletes from its source
                holdingQueue(source).grantConsumeMessages(function);
                if (source.kind() == DeadLetterSource.Kind.QUEUE) {
                    holdingQueue(source).grant(function, "sqs:StartMessageMoveTask", "sqs:ListMessageMoveTasks");
                    props.data().queue(source.name()).grantSendMessages(function);
                }
                if (source.kind() == DeadLetterSource.Kind.STREAM) {
                    // a replay reads the failed range of the stream and writes each item it names again
                    props.data().table(source.name()).grantStreamRead(function);
                    props.data().table(source.name()).grant(function, "dynamodb:UpdateItem");
                }
            }
        }
        switch (needs.admissionKeys()) {
            case NONE -> { }
            case USE -> props.admissionKeys().grantRead(function);
            case ROTATE -> props.admissionKeys().grantRotate(function);
        }
        if (needs.payments()) props.payments().grantRead(function);
        if (needs.adminWebhook()) props.adminWebhook().grantRead(function);
        if (needs.inspects()) props.inspection().grantInspect(function);
        if (needs.search()) props.search().grantSearch(function, function);
    }

    /** A queue's dead letters wait in its dead-letter queue; a topic's failed batches in an on-failure queue. */
    private Queue holdingQueue(DeadLetterSource source) {
        return source.kind() == DeadLetterSource.Kind.QUEUE
                ? props.data().deadLetterQueues().get(source.name())
                : props.data().queue(source.holdingQueue());
    }

    /** Sends, or reads dead letters from, SQS queues itself (event sources are Lambda's own calls, outside the VPC). */
    static boolean sendsToSqs(FunctionSpec spec) {
        Needs needs = spec.needs();
        return !needs.sendsTo().isEmpty() || !needs.watches().isEmpty() || !needs.lagOf().isEmpty()
                || needs.deadLetters();
    }

    /**
     * Calls something outside the VPC's endpoints from inside the VPC, which takes a NAT gateway: the payment
     * provider, the operators' webhook, the upstream user service (another team's), or Amazon Bedrock (no interface endpoint is made for it:
     * at its volume, one per AZ costs more than the NAT gateway the other two need anyway).
     */
    static boolean needsInternet(FunctionSpec spec) {
        Needs needs = spec.needs();
        return needsVpc(spec) && (needs.payments() || needs.adminWebhook() || needs.upstream() || needs.inspects());
    }

    static boolean usesKafka(FunctionSpec spec) {
        return !spec.needs().producesTo().isEmpty() || !spec.needs().lagOf().isEmpty()
                || spec.trigger() instanceof Trigger.Kafka;
    }

    /**
     * The schema's owner: a function run after each deployment that uses the database (the migrations). It alone logs
     * in as the master user; every other function logs in as the app role with IAM tokens, and reads no secret for it.
     */
    static boolean ownsSchema(FunctionSpec spec) {
        return spec.needs().database() && spec.trigger() instanceof Trigger.Deploy;
    }

    /**
     * The master user's credentials, the admission keys, the payment key and the operators' webhook are all read from
     * Secrets Manager.
     */
    static boolean readsSecrets(FunctionSpec spec) {
        return ownsSchema(spec) || spec.needs().admissionKeys().reads() || spec.needs().payments()
                || spec.needs().adminWebhook();
    }

    static boolean usesAdmissionKeys(FunctionSpec spec) {
        return spec.needs().admissionKeys().reads();
    }

    /** Only what lives in the VPC puts a function there: outside it, cold starts skip the ENI and NAT. */
    static boolean needsVpc(FunctionSpec spec) {
        return spec.needs().cache() || spec.needs().database() || usesKafka(spec) || spec.needs().search();
    }

    /**
     * @param declaration  what to deploy
     * @param functionsJar the shaded jar with every handler; must exist
     * @param namePrefix   function names are {@code prefix-id} (64 characters at most)
     * @param network      the VPC for functions that need it
     * @param data         the declared tables and queues
     * @param cache        required when a deployed function declares cache
     * @param database     required when a deployed function declares database
     * @param streaming    required when a deployed function produces to or consumes a topic
     * @param admissionKeys required when a deployed function uses or rotates admission keys
     * @param payments     required when a deployed function charges payments
     * @param adminWebhook required when a deployed function posts to the operators' webhook
     * @param inspection   required when a deployed function inspects posts (Bedrock)
     * @param search       required when a deployed function searches or indexes posts (the OpenSearch domain)
     * @param settings     per feature, the variables every function of that feature is given (the feed's categories
     *                     and loud-author threshold)
     */
    public record Props(Declaration declaration, Path functionsJar, String namePrefix, Network network, Data data,
                        Cache cache, Database database, Streaming streaming, AdmissionKeys admissionKeys,
                        Payments payments, AdminWebhook adminWebhook, Inspection inspection, Search search,
                        Map<String, Map<String, String>> settings,
                        GuardRails guardRails, java.util.function.Predicate<String> only, FunctionGroups groups) {
        private static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

        public Props {
            Objects.requireNonNull(declaration, "declaration");
            Objects.requireNonNull(functionsJar, "functionsJar");
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(guardRails, "guardRails");
            Objects.requireNonNull(only, "only");
            Objects.requireNonNull(groups, "groups");
            if (!Files.isRegularFile(functionsJar)) {
                throw new IllegalArgumentException("functions jar not found: " + functionsJar.toAbsolutePath()
                        + " (build it with ./mvnw -pl functions package, or set context functionsJar)");
            }
            if (namePrefix == null || !PREFIX.matcher(namePrefix).matches()) {
                throw new IllegalArgumentException("namePrefix must match " + PREFIX + ": " + namePrefix);
            }
            for (FunctionSpec f : declaration.deployedFunctions()) {
                if (namePrefix.length() + 1 + f.id().length() > 64) {
                    throw new IllegalArgumentException("function name too long: " + namePrefix + "-" + f.id());
                }
            }
            requireWhenUsed(declaration, cache, f -> f.needs().cache(), "cache");
            requireWhenUsed(declaration, database, f -> f.needs().database(), "database");
            requireWhenUsed(declaration, streaming, Functions::usesKafka, "streaming");
            requireWhenUsed(declaration, admissionKeys, Functions::usesAdmissionKeys, "admission keys");
            requireWhenUsed(declaration, payments, f -> f.needs().payments(), "payments");
            requireWhenUsed(declaration, adminWebhook, f -> f.needs().adminWebhook(), "the admin webhook");
            requireWhenUsed(declaration, inspection, f -> f.needs().inspects(), "inspection");
            requireWhenUsed(declaration, search, f -> f.needs().search(), "search");
            settings = settings == null ? Map.of() : Map.copyOf(settings);
        }

        private static void requireWhenUsed(Declaration declaration, Object resource, Predicate<FunctionSpec> uses,
                                            String kind) {
            if (resource != null) return;
            declaration.deployedFunctions().stream().filter(uses).findFirst().ifPresent(f -> {
                throw new IllegalArgumentException(f.id() + " needs " + kind + " but none was given");
            });
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private Declaration declaration;
            private Path functionsJar;
            private String namePrefix;
            private Network network;
            private Data data;
            private Cache cache;
            private Database database;
            private Streaming streaming;
            private AdmissionKeys admissionKeys;
            private FunctionGroups groups;
            private java.util.function.Predicate<String> only = id -> true;
            private GuardRails guardRails = GuardRails.accountDefaults();
            private Payments payments;
            private AdminWebhook adminWebhook;
            private Inspection inspection;
            private Search search;
            private Map<String, Map<String, String>> settings;

            public Builder declaration(Declaration declaration) {
                this.declaration = declaration;
                return this;
            }

            public Builder functionsJar(Path functionsJar) {
                this.functionsJar = functionsJar;
                return this;
            }

            public Builder namePrefix(String namePrefix) {
                this.namePrefix = namePrefix;
                return this;
            }

            public Builder network(Network network) {
                this.network = network;
                return this;
            }

            public Builder data(Data data) {
                this.data = data;
                return this;
            }

            public Builder cache(Cache cache) {
                this.cache = cache;
                return this;
            }

            public Builder database(Database database) {
                this.database = database;
                return this;
            }

            public Builder streaming(Streaming streaming) {
                this.streaming = streaming;
                return this;
            }

            public Builder admissionKeys(AdmissionKeys admissionKeys) {
                this.admissionKeys = admissionKeys;
                return this;
            }

            public Builder payments(Payments payments) {
                this.payments = payments;
                return this;
            }

            public Builder adminWebhook(AdminWebhook adminWebhook) {
                this.adminWebhook = adminWebhook;
                return this;
            }

            public Builder inspection(Inspection inspection) {
                this.inspection = inspection;
                return this;
            }

            public Builder search(Search search) {
                this.search = search;
                return this;
            }

            public Builder settings(Map<String, Map<String, String>> settings) {
                this.settings = settings;
                return this;
            }

            public Builder guardRails(GuardRails guardRails) {
                this.guardRails = guardRails;
                return this;
            }

            public Builder groups(FunctionGroups groups) {
                this.groups = groups;
                return this;
            }

            /** Deploys only the declared functions with these ids (one feature's); by default every one. */
            public Builder only(java.util.Collection<String> functionIds) {
                Set<String> ids = Set.copyOf(functionIds);
                this.only = ids::contains;
                return this;
            }

            public Props build() {
                return new Props(declaration, functionsJar, namePrefix, network, data, cache, database, streaming,
                        admissionKeys, payments, adminWebhook, inspection, search, settings, guardRails, only, groups);
            }
        }
    }
}
