package dev.rushgate.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.Rushgate;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.GuardRails;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.NestedStackProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * Everything Rushgate runs on, in one deployable stack (functions and the state they share are released together):
 * the shared base (network, data, engines, API, waiting page) in this template, and each feature's functions and
 * triggers in a nested stack of its own. Built from the declaration only; shared engines are created when a deployed function
 * uses them or when switched on, so an unused Kafka cluster never bills by the hour by accident.
 */
public final class RushgateStack extends Stack {

    private final Api api;
    private final Data data;
    private final Map<String, Functions> features = new LinkedHashMap<>();

    public RushgateStack(Construct scope, String id, Props props) {
        super(scope, id, props.stackProps());
        if (!Token.isUnresolved(getRegion()) && !getRegion().equals(US_EAST_1)
                && !Boolean.TRUE.equals(props.stackProps().getCrossRegionReferences())) {
            throw new IllegalArgumentException("a stack in " + getRegion() + " reads its web ACL and edge function "
                    + "from us-east-1: build its StackProps with RushgateApp.stackProps");
        }
        Declaration declaration = props.declaration();
        String name = getStackName();

        // The calls to the internet are the payment provider's, the user service's and Bedrock's (from functions that
        // also use the cache); without ticketing and the feed, no NAT gateway at all.
        Network network = new Network(this, "Network", Network.Props.builder()
                .natGateways(used(declaration, Functions::needsInternet) ? props.natGateways() : 0).build());
        this.data = new Data(this, "Data", Data.Props.builder()
                .tables(declaration.tables()).queues(declaration.queues()).build());
        Cache cache = used(declaration, f -> f.needs().cache())
                ? new Cache(this, "Cache", Cache.Props.builder()
                        .network(network).name(name.toLowerCase(Locale.ROOT)).build())
                : null;
        Database database = props.database() || used(declaration, f -> f.needs().database())
                ? new Database(this, "Database", Database.Props.builder().network(network).build())
                : null;
        Streaming streaming = !declaration.topics().isEmpty()
                && (props.streaming() || used(declaration, Functions::usesKafka))
                ? new Streaming(this, "Streaming", Streaming.Props.builder()
                        .network(network).clusterName(name).topics(declaration.topics()).build())
                : null;
        AdmissionKeys admissionKeys = used(declaration, Functions::usesAdmissionKeys)
                ? new AdmissionKeys(this, "AdmissionKeys")
                : null;
        Payments payments = used(declaration, f -> f.needs().payments()) ? new Payments(this, "Payments") : null;
        AdminWebhook adminWebhook = used(declaration, f -> f.needs().adminWebhook())
                ? new AdminWebhook(this, "AdminWebhook") : null;
        Inspection inspection = used(declaration, f -> f.needs().inspects()) ? new Inspection(this, "Inspection") : null;
        Search search = used(declaration, f -> f.needs().search()) ? new Search(this, "Search", network) : null;
        Auth auth = new Auth(this, "Auth", Auth.Props.builder()
                .issuer(props.jwtIssuer().orElse(null)).audience(props.jwtAudience().orElse(null)).build());

        // One nested stack per feature: its functions, their roles, aliases and triggers. A template stays far below
        // CloudFormation's 500 resources however many features there are, and a feature is one unit to read.
        List<Construct> deployedFirst = Stream.of(network, data, cache, database, streaming, admissionKeys, payments,
                        adminWebhook, inspection, search)
                .filter(Objects::nonNull).map(c -> (Construct) c).toList();
        FunctionGroups groups = new FunctionGroups(this, "FunctionGroups", network, cache, database, streaming,
                search);
        Map<String, Map<String, String>> settings = settings(declaration);
        for (String feature : declaration.features()) {
            NestedStack stack = new NestedStack(this, "Feature" + pascal(feature), NestedStackProps.builder()
                    .description("Rushgate " + feature + ": functions and their triggers").build());
            Functions functions = new Functions(stack, "Functions" + pascal(feature), Functions.Props.builder()
                    .declaration(declaration).functionsJar(props.functionsJar()).namePrefix(name)
                    .network(network).data(data).cache(cache).database(database).streaming(streaming)
                    .admissionKeys(admissionKeys).payments(payments).adminWebhook(adminWebhook).inspection(inspection).search(search).settings(settings)
                    .guardRails(props.guardRails()).groups(groups)
                    .only(declaration.deployedFunctions().stream().filter(f -> f.feature().equals(feature))
                            .map(FunctionSpec::id).toList())
                    .build());
            new EventSources(stack, "Triggers" + pascal(feature), EventSources.Props.builder()
                    .declaration(declaration).functions(functions).data(data).streaming(streaming)
                    .deployedFirst(deployedFirst)
                    .guardRails(props.guardRails())
                    .build());
            this.features.put(feature, functions);
        }
        this.api = new Api(this, "Api", Api.Props.builder()
                .name(name).declaration(declaration).functions(this::live).auth(auth).guardRails(props.guardRails())
                .build());
        Observability observability = new Observability(this, "Observability", new Observability.Props(name,
                declaration, fid -> features.values().stream().map(f -> f.functions().get(fid)).filter(Objects::nonNull)
                        .findFirst(), data, api, cache, database, props.alarmEmail()));
        features.forEach((feature, functions) -> Observability.alarmFunctions(Stack.of(functions), declaration,
                functions, observability.topic()));
        if (search != null) search.alarm(observability.topic());
        // The page and the API share one CloudFront distribution: the page calls the API on its own origin. Its web
        // ACL and the API's Lambda@Edge function must live in us-east-1.
        WaitingPage waitingPage = new WaitingPage(this, "WaitingPage", WaitingPage.Props.builder()
                .folder(props.waitingPage()).wafRequestsPerFiveMinutes(props.wafRateLimit()).usEast1(usEast1())
                .build());
        new EdgeApi(this, "EdgeApi", waitingPage.distribution(), api.httpApi());
        OpsPage opsPage = new OpsPage(this, "OpsPage", new OpsPage.Props(props.opsPage(), waitingPage));

        output("ApiUrl", api.url());
        output("CdnApiUrl", waitingPage.origin() + "/");
        output("WaitingPageUrl", waitingPage.url());
        output("OpsPageUrl", opsPage.url());
        output("JwtIssuer", auth.issuer());
        output("JwtAudience", auth.audience());
        data.tables().forEach((tableId, table) -> output("Table" + pascal(tableId), table.getTableName()));
        data.queues().forEach((queueId, queue) -> output("Queue" + pascal(queueId) + "Url", queue.getQueueUrl()));
        data.deadLetterQueues().forEach((queueId, dlq) -> output("Queue" + pascal(queueId) + "DlqUrl", dlq.getQueueUrl()));
        if (cache != null) output("CacheEndpoint", cache.endpoint());
        if (database != null) output("DatabaseSecretArn", database.secret().getSecretArn());
        if (admissionKeys != null) output("AdmissionKeysSecretArn", admissionKeys.secretArn());
        if (payments != null) output("PaymentKeySecretArn", payments.secretArn());
        if (adminWebhook != null) output("AdminWebhookSecretArn", adminWebhook.secretArn());
        if (search != null) output("SearchEndpoint", "https://" + search.domain().getDomainEndpoint());
        if (streaming != null) {
            output("KafkaClusterArn", streaming.clusterArn());
            output("KafkaBootstrap", streaming.bootstrapServers());
        }
    }

    public Api api() {
        return api;
    }

    public Data data() {
        return data;
    }

    /** The deployed function {@code id}, from its feature's nested stack. */
    public Function function(String id) {
        return features.values().stream().map(f -> f.functions().get(id)).filter(Objects::nonNull).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no deployed function " + id));
    }

    /** The nested stack of each feature deployed, by feature. */
    public Map<String, NestedStack> featureStacks() {
        Map<String, NestedStack> out = new LinkedHashMap<>();
        features.forEach((feature, functions) -> out.put(feature, (NestedStack) Stack.of(functions)));
        return out;
    }

    private IFunction live(String id) {
        Functions functions = features.values().stream().filter(f -> f.functions().containsKey(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no deployed function " + id));
        return functions.live(id);
    }

    private void output(String id, String value) {
        CfnOutput.Builder.create(this, id).value(value).build();
    }

    /**
     * What every function of a feature is told (context, else the declaration's defaults): the feed's categories
     * ({@code feedCategories}, comma-separated: served until the upstream's are cached), the followers from which an
     * author is loud ({@code loudAuthorFollowers}), and the base URL of the user service another team runs
     * ({@code upstreamUrl}). Without that URL the feed still serves, with placeholder profiles and the configured
     * categories, and its refreshes wait in their DLQ: synth warns.
     */
    private Map<String, Map<String, String>> settings(Declaration declaration) {
        Object categories = getNode().tryGetContext("feedCategories");
        Object loud = getNode().tryGetContext("loudAuthorFollowers");
        Object upstream = getNode().tryGetContext("upstreamUrl");
        Map<String, String> feed = new java.util.TreeMap<>(Map.of(
                EnvNames.FEED_CATEGORIES, categories != null ? categories.toString()
                        : String.join(",", Rushgate.DEFAULT_FEED_CATEGORIES),
                EnvNames.FEED_LOUD_AUTHOR_FOLLOWERS, loud != null ? loud.toString()
                        : Integer.toString(Rushgate.DEFAULT_LOUD_AUTHOR_FOLLOWERS)));
        if (upstream != null) {
            feed.put(EnvNames.UPSTREAM_URL, upstream.toString());
        } else if (declaration.features().contains("feed")) {
            Annotations.of(this).addWarningV2("rushgate:upstream-url", "The feed reads profiles and categories from "
                    + "another team's user service: set its base URL with -c upstreamUrl=https://… . Until then "
                    + "profiles are placeholders, categories are feedCategories, and refreshes wait in their DLQ.");
        }
        return Map.of("feed", feed);
    }

    private static boolean used(Declaration declaration, Predicate<FunctionSpec> uses) {
        return declaration.deployedFunctions().stream().anyMatch(uses);
    }

    static String pascal(String kebab) {
        StringBuilder out = new StringBuilder();
        for (String part : kebab.split("-")) {
            if (!part.isEmpty()) out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    static final String US_EAST_1 = "us-east-1";

    /**
     * Where what CloudFront needs from us-east-1 (the web ACL, the API's Lambda@Edge function) goes: this stack when it
     * is there, the stack {@value EdgeApi#EDGE_STACK} beside it when its region is another, and null when the region is
     * not known at synthesis.
     */
    private Stack usEast1() {
        if (Token.isUnresolved(getRegion())) return null;
        if (getRegion().equals(US_EAST_1)) return this;
        Stack edge = new Stack((Construct) getNode().getScope(), EdgeApi.EDGE_STACK, StackProps.builder()
                .description("Rushgate: what CloudFront needs from us-east-1 (the web ACL, the API's edge function)")
                .env(Environment.builder().region(US_EAST_1).build())
                .crossRegionReferences(true)
                .build());
        addStackDependency(edge, "CloudFront takes its web ACL and edge function from us-east-1");
        return edge;
    }

    /**
     * @param declaration  the wiring to deploy
     * @param functionsJar the shaded jar of the functions module
     * @param jwtIssuer    OIDC issuer for bearer tokens; with jwtAudience, or neither (then Cognito)
     * @param jwtAudience  expected audience (client id)
     * @param natGateways  1 keeps cost down; one per AZ survives an AZ outage
     * @param database     create Aurora even when no deployed function uses it yet (it pauses when idle)
     * @param streaming    create MSK Serverless for the declared topics even when no deployed function
     *                     uses them yet (billed per cluster-hour, idle or not)
     * @param waitingPage  the waiting page's folder (the repository's {@code waiting-page/})
     * @param opsPage      the operations page's folder (the repository's {@code ops-page/}), on the same distribution
     * @param stackProps   environment, description, termination protection
     * @param guardRails   throttling, reserved concurrency and event-source maximums (default: none of Rushgate's own)
     * @param alarmEmail   where the alarms' SNS topic mails (none: subscribe to the topic yourself)
     * @param wafRateLimit requests one address may send the waiting page in 5 minutes (WAF, in us-east-1)
     */
    public record Props(Declaration declaration, Path functionsJar, Optional<String> jwtIssuer,
                        Optional<String> jwtAudience, int natGateways, boolean database, boolean streaming,
                        Path waitingPage, Path opsPage, StackProps stackProps, GuardRails guardRails, Optional<String> alarmEmail,
                        int wafRateLimit) {
        public Props {
            Objects.requireNonNull(guardRails, "guardRails");
            Objects.requireNonNull(alarmEmail, "alarmEmail");
            guardRails.checkedAgainst(declaration);
            Objects.requireNonNull(declaration, "declaration");
            Objects.requireNonNull(functionsJar, "functionsJar");
            Objects.requireNonNull(waitingPage, "waitingPage");
            Objects.requireNonNull(opsPage, "opsPage");
            Objects.requireNonNull(jwtIssuer, "jwtIssuer");
            Objects.requireNonNull(jwtAudience, "jwtAudience");
            Objects.requireNonNull(stackProps, "stackProps");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private Declaration declaration;
            private Path functionsJar;
            private String jwtIssuer;
            private String jwtAudience;
            private int natGateways = 1;
            private boolean database = false;
            private boolean streaming = false;
            private Path waitingPage = Path.of("waiting-page");
            private Path opsPage = Path.of("ops-page");
            private StackProps stackProps = StackProps.builder().build();
            private GuardRails guardRails = GuardRails.accountDefaults();

            public Builder guardRails(GuardRails guardRails) {
                this.guardRails = guardRails;
                return this;
            }

            private String alarmEmail;
            private int wafRateLimit = 1_000;

            public Builder wafRateLimit(int wafRateLimit) {
                this.wafRateLimit = wafRateLimit;
                return this;
            }

            public Builder alarmEmail(String alarmEmail) {
                this.alarmEmail = alarmEmail;
                return this;
            }

            public Builder declaration(Declaration declaration) {
                this.declaration = declaration;
                return this;
            }

            public Builder functionsJar(Path functionsJar) {
                this.functionsJar = functionsJar;
                return this;
            }

            public Builder jwtIssuer(String jwtIssuer) {
                this.jwtIssuer = jwtIssuer;
                return this;
            }

            public Builder jwtAudience(String jwtAudience) {
                this.jwtAudience = jwtAudience;
                return this;
            }

            public Builder natGateways(int natGateways) {
                this.natGateways = natGateways;
                return this;
            }

            public Builder database(boolean database) {
                this.database = database;
                return this;
            }

            public Builder streaming(boolean streaming) {
                this.streaming = streaming;
                return this;
            }

            public Builder waitingPage(Path waitingPage) {
                this.waitingPage = waitingPage;
                return this;
            }

            public Builder opsPage(Path opsPage) {
                this.opsPage = opsPage;
                return this;
            }

            public Builder stackProps(StackProps stackProps) {
                this.stackProps = stackProps;
                return this;
            }

            public Props build() {
                return new Props(declaration, functionsJar, Optional.ofNullable(jwtIssuer),
                        Optional.ofNullable(jwtAudience), natGateways, database, streaming, waitingPage, opsPage, stackProps,
                        guardRails, Optional.ofNullable(alarmEmail), wafRateLimit);
            }
        }
    }
}
