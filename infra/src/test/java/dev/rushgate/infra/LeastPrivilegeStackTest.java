package dev.rushgate.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.rushgate.wiring.DeadLetterSource;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.Rushgate;
import dev.rushgate.wiring.TableSpec;
import dev.rushgate.wiring.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Template;

/**
 * Reads each function's execution-role policies out of the synthesized template and compares what they
 * reach with what the function declares. Nothing here looks at how the grants were made.
 */
class LeastPrivilegeStackTest {

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void grantsEachFunctionExactlyTheTablesItDeclares_andWriteOnlyOnThoseItWrites(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));

        for (FunctionSpec spec : declaration.deployedFunctions()) {
            // when
            Reach reach = Reach.of(template, spec.id());

            // then: its declared tables, and for the dead-letter operator the tables whose stream batches it replays
            // (reading the stream, writing each item again)
            Set<String> replayed = new HashSet<>();
            if (spec.needs().deadLetters()) {
                declaration.deadLetterSources().stream().filter(d -> d.kind() == DeadLetterSource.Kind.STREAM)
                        .forEach(d -> replayed.add(d.name()));
            }
            Set<String> tables = new HashSet<>(spec.needs().tables());
            tables.addAll(replayed);
            Set<String> writable = new HashSet<>(spec.needs().writes());
            writable.addAll(replayed);
            Set<String> streams = new HashSet<>(replayed);
            if (spec.trigger() instanceof Trigger.DynamoStream stream) streams.add(stream.table());
            assertThat(reach.tables()).as(spec.id() + " tables").containsExactlyInAnyOrderElementsOf(tables);
            assertThat(reach.writableTables()).as(spec.id() + " writable tables")
                    .containsExactlyInAnyOrderElementsOf(writable);
            assertThat(reach.streams()).as(spec.id() + " table streams").containsExactlyInAnyOrderElementsOf(streams);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void letsEachFunctionSendOnlyToItsDeclaredQueues_andReceiveOnlyFromItsTrigger(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));

        for (FunctionSpec spec : declaration.deployedFunctions()) {
            // when
            Reach reach = Reach.of(template, spec.id());

            // then
            Set<String> sends = new HashSet<>(spec.needs().sendsTo());
            if (spec.trigger() instanceof Trigger.Kafka kafka) sends.add(kafka.onFailureQueue());
            if (spec.trigger() instanceof Trigger.DynamoStream stream) sends.add(stream.onFailureQueue());
            Set<String> receives = new HashSet<>(spec.trigger() instanceof Trigger.Sqs sqs ? Set.of(sqs.queue()) : Set.of());
            if (spec.needs().deadLetters()) {
                // the dead-letter operator reads every holding queue and sends back to the queues they serve
                for (DeadLetterSource source : declaration.deadLetterSources()) {
                    receives.add(source.holdingQueue());
                    if (source.kind() == DeadLetterSource.Kind.QUEUE) sends.add(source.name());
                }
            }
            assertThat(reach.sendQueues()).as(spec.id() + " sends to").containsExactlyInAnyOrderElementsOf(sends);
            assertThat(reach.receiveQueues()).as(spec.id() + " receives from").containsExactlyInAnyOrderElementsOf(receives);
            // counts: of what it sends to or receives from, and of the queues it watches and their dead letters
            Set<String> counts = new HashSet<>(sends);
            counts.addAll(receives);
            spec.needs().watches().forEach(q -> counts.addAll(Set.of(q, declaration.queue(q).dlqId())));
            // and the on-failure queues of the consumers whose lag it reads
            spec.needs().lagOf().forEach(t -> declaration.consumersOf(t)
                    .forEach(c -> counts.add(((Trigger.Kafka) c.trigger()).onFailureQueue())));
            assertThat(reach.countedQueues()).as(spec.id() + " reads the counts of")
                    .containsExactlyInAnyOrderElementsOf(counts);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void givesTheDatabaseSecretAndKafkaOnlyToFunctionsThatDeclareThem(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));

        for (FunctionSpec spec : declaration.deployedFunctions()) {
            // when
            Reach reach = Reach.of(template, spec.id());

            // then
            // only the schema's owner (the migrations) reads the master secret; the rest log in as the app role
            assertThat(reach.secret()).as(spec.id() + " reads the database secret").isEqualTo(Functions.ownsSchema(spec));
            boolean connectsAsApp = template.statementsOf(spec.id()).stream().anyMatch(s -> TemplateQueries.actions(s)
                    .contains("rds-db:connect") && String.valueOf(s.get("Resource")).contains(":dbuser:")
                    && String.valueOf(s.get("Resource")).contains("/rushgate_app"));
            assertThat(connectsAsApp).as(spec.id() + " logs in to PostgreSQL as rushgate_app with IAM")
                    .isEqualTo(spec.needs().database() && !Functions.ownsSchema(spec));
            assertThat(reach.kafkaWrite()).as(spec.id() + " writes Kafka").isEqualTo(!spec.needs().producesTo().isEmpty());
            assertThat(reach.kafkaRead()).as(spec.id() + " reads Kafka").isEqualTo(spec.trigger() instanceof Trigger.Kafka);
            assertThat(reach.dataActionsOnEverything()).as(spec.id() + " data actions on *").isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void letsOnlyFunctionsThatUseAdmissionKeysReadThem_andOnlyTheRotatorWriteThem(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));
        assertThat(template.tagged("AWS::SecretsManager::Secret", ResourceTags.SECRET).values())
                .as("one admission keys secret").containsOnlyOnce(AdmissionKeys.TAG);

        for (FunctionSpec spec : declaration.deployedFunctions()) {
            // when
            Reach reach = Reach.of(template, spec.id());

            // then
            var keys = spec.needs().admissionKeys();
            assertThat(reach.admissionKeyActions().contains("secretsmanager:GetSecretValue"))
                    .as(spec.id() + " reads admission keys").isEqualTo(keys.reads());
            assertThat(reach.admissionKeyActions().contains("secretsmanager:PutSecretValue"))
                    .as(spec.id() + " writes admission keys").isEqualTo(keys.writes());
            assertThat(reach.admissionKeyActions()).as(spec.id() + " admission key actions")
                    .allMatch(a -> List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret",
                            "secretsmanager:PutSecretValue").contains(a));
            assertThat(environment(template, spec.id()).containsKey(EnvNames.ADMISSION_KEYS))
                    .as(spec.id() + " is told where the keys are").isEqualTo(keys.reads());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void letsOnlyFunctionsThatChargePaymentsReadThePaymentKey_andTellsThemWhereTheProviderIs(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));
        boolean charging = declaration.deployedFunctions().stream().anyMatch(f -> f.needs().payments());
        assertThat(template.tagged("AWS::SecretsManager::Secret", ResourceTags.SECRET).values()
                .stream().filter(Payments.TAG::equals).count()).as("payment key secrets").isEqualTo(charging ? 1 : 0);

        for (FunctionSpec spec : declaration.deployedFunctions()) {
            // when
            Reach reach = Reach.of(template, spec.id());

            // then
            boolean payments = spec.needs().payments();
            assertThat(reach.paymentKeyActions().contains("secretsmanager:GetSecretValue"))
                    .as(spec.id() + " reads the payment key").isEqualTo(payments);
            assertThat(reach.paymentKeyActions()).as(spec.id() + " payment key actions")
                    .allMatch(a -> List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret").contains(a));
            var env = environment(template, spec.id());
            assertThat(env.containsKey(EnvNames.PAYMENTS_SECRET)).as(spec.id() + " is told where the key is")
                    .isEqualTo(payments);
            if (payments) assertThat(env.get(EnvNames.PAYMENTS_URL)).isEqualTo(Payments.DEFAULT_URL);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void letsOnlyTheAlertingFunctionReadTheAdminWebhook_andSendsEveryAlarmToItsQueue(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));
        boolean alerting = declaration.deployedFunctions().stream().anyMatch(f -> f.needs().adminWebhook());
        assertThat(template.tagged("AWS::SecretsManager::Secret", ResourceTags.SECRET).values()
                .stream().filter(AdminWebhook.TAG::equals).count()).as("admin webhook secrets").isEqualTo(alerting ? 1 : 0);

        for (FunctionSpec spec : declaration.deployedFunctions()) {
            // when
            Reach reach = Reach.of(template, spec.id());

            // then
            boolean reads = spec.needs().adminWebhook();
            assertThat(reach.adminWebhookActions().contains("secretsmanager:GetSecretValue"))
                    .as(spec.id() + " reads the admin webhook").isEqualTo(reads);
            assertThat(reach.adminWebhookActions()).as(spec.id() + " admin webhook actions")
                    .allMatch(a -> List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret").contains(a));
            assertThat(environment(template, spec.id()).containsKey(EnvNames.ADMIN_WEBHOOK))
                    .as(spec.id() + " is told where the webhook is").isEqualTo(reads);
        }
        // and the alarms topic delivers to the admin-alerts queue, which only SNS from that topic may send to
        var subscriptions = template.resources("AWS::SNS::Subscription").values();
        assertThat(subscriptions).as("SQS subscriptions").filteredOn(r -> "sqs".equals(TemplateQueries.properties(r).get("Protocol")))
                .hasSize(alerting ? 1 : 0);
        if (alerting) {
            String queue = template.tagged("AWS::SQS::Queue", ResourceTags.QUEUE).entrySet().stream()
                    .filter(e -> e.getValue().equals(Rushgate.ADMIN_ALERTS_QUEUE)).map(Map.Entry::getKey).findFirst()
                    .orElseThrow();
            var policies = template.resources("AWS::SQS::QueuePolicy").values().stream()
                    .filter(p -> TemplateQueries.refs(TemplateQueries.properties(p).get("Queues")).contains(queue)).toList();
            assertThat(policies).as("the admin-alerts queue's policy").singleElement().asString()
                    .contains("sns.amazonaws.com", "aws:SourceArn");
        }
    }

    @Test
    void letsOnlyTheNoticesFunctionsTouchNotices_andTheFeaturesThatTellUsersOnlySendToTheNoticesQueue() {
        // given the whole app
        var template = new TemplateQueries(SynthesizedStacks.template(SynthesizedStacks.RUSHGATE));

        // when / then: the consumer stores notices and puts its own messages off, nothing more
        Reach deliver = Reach.of(template, "deliver-notices");
        assertThat(deliver.tables()).containsExactly(Rushgate.NOTICES_TABLE);
        assertThat(deliver.writableTables()).containsExactly(Rushgate.NOTICES_TABLE);
        assertThat(deliver.receiveQueues()).containsExactly(Rushgate.NOTICES_QUEUE);
        assertThat(deliver.sendQueues()).containsExactly(Rushgate.NOTICES_QUEUE);
        assertThat(deliver.secret()).isFalse();
        // the list only reads; marking read writes
        Reach list = Reach.of(template, "list-notifications");
        assertThat(list.tables()).containsExactly(Rushgate.NOTICES_TABLE);
        assertThat(list.writableTables()).isEmpty();
        assertThat(list.sendQueues()).isEmpty();
        assertThat(Reach.of(template, "mark-notifications-read").writableTables()).containsExactly(Rushgate.NOTICES_TABLE);
        // the features that tell users send to the queue and never reach the store
        for (String teller : List.of("store-claims", "charge-payments", "cancel-order", "sweep-holds")) {
            Reach reach = Reach.of(template, teller);
            assertThat(reach.sendQueues()).as(teller).contains(Rushgate.NOTICES_QUEUE);
            assertThat(reach.receiveQueues()).as(teller).doesNotContain(Rushgate.NOTICES_QUEUE);
            assertThat(reach.tables()).as(teller).doesNotContain(Rushgate.NOTICES_TABLE);
        }
    }

    @Test
    void noticesAFunctionGrantedATableItDoesNotDeclare() {
        // given a stack where one function was granted a table behind the declaration's back
        Declaration declaration = SynthesizedStacks.RUSHGATE;
        FunctionSpec victim = declaration.deployedFunctions().stream()
                .filter(f -> f.needs().tables().size() < declaration.tables().size()).findFirst().orElseThrow();
        String undeclared = declaration.tables().stream().map(TableSpec::id)
                .filter(t -> !victim.needs().tables().contains(t)).findFirst().orElseThrow();
        var stack = SynthesizedStacks.stack(declaration, s ->
                s.data().table(undeclared).grantReadData(s.function(victim.id())));

        // when
        Reach reach = Reach.of(new TemplateQueries(MergedTemplate.of(stack)), victim.id());

        // then
        assertThat(reach.tables()).contains(undeclared).containsAll(victim.needs().tables())
                .hasSize(victim.needs().tables().size() + 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(TemplateQueries template, String functionId) {
        var env = (Map<String, Object>) template.function(functionId).getOrDefault("Environment", Map.of());
        return (Map<String, Object>) env.getOrDefault("Variables", Map.of());
    }

    /** What one function's role can touch, by declaration id. */
    record Reach(Set<String> tables, Set<String> writableTables, Set<String> streams, Set<String> sendQueues,
                 Set<String> receiveQueues, Set<String> countedQueues,
                 boolean secret, boolean kafkaWrite, boolean kafkaRead, List<String> dataActionsOnEverything,
                 Set<String> admissionKeyActions, Set<String> paymentKeyActions, Set<String> adminWebhookActions) {

        private static final List<String> DATA_SERVICES = List.of("dynamodb:", "sqs:", "secretsmanager:", "kafka-cluster:",
                "bedrock:");
        /** Reading a table's stream, which is no access to its items. */
        private static final List<String> STREAM_READS = List.of("dynamodb:ListStreams", "dynamodb:DescribeStream",
                "dynamodb:GetRecords", "dynamodb:GetShardIterator");
        private static final List<String> TABLE_WRITES =
                List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");

        static Reach of(TemplateQueries template, String functionId) {
            Map<String, String> tables = template.tagged("AWS::DynamoDB::Table", ResourceTags.TABLE);
            Map<String, String> queues = template.tagged("AWS::SQS::Queue", ResourceTags.QUEUE);
            Map<String, String> tagged = template.tagged("AWS::SecretsManager::Secret", ResourceTags.SECRET);
            Set<String> admissionKeys = new HashSet<>();
            Set<String> paymentKeys = new HashSet<>();
            Set<String> adminWebhooks = new HashSet<>();
            tagged.forEach((logicalId, tag) -> (tag.equals(Payments.TAG) ? paymentKeys
                    : tag.equals(AdminWebhook.TAG) ? adminWebhooks : admissionKeys).add(logicalId));
            Set<String> secrets = new HashSet<>(template.resources("AWS::SecretsManager::Secret").keySet());
            secrets.removeAll(tagged.keySet());
            secrets.addAll(template.resources("AWS::SecretsManager::SecretTargetAttachment").keySet());
            var reach = new Reach(new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>(),
                    new HashSet<>(), false, false,
                    false, new java.util.ArrayList<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
            boolean secret = false;
            boolean kafkaWrite = false;
            boolean kafkaRead = false;
            for (Map<String, Object> statement : template.statementsOf(functionId)) {
                List<String> actions = TemplateQueries.actions(statement);
                Object resource = statement.get("Resource");
                if ("*".equals(resource) || (resource instanceof List<?> l && l.contains("*"))) {
                    // ListStreams has no resource-level permission: a stream consumer needs it on *.
                    actions.stream().filter(a -> DATA_SERVICES.stream().anyMatch(a::startsWith))
                            .filter(a -> !a.equals("dynamodb:ListStreams"))
                            .forEach(reach.dataActionsOnEverything()::add);
                }
                for (String target : TemplateQueries.refs(resource)) {
                    if (tables.containsKey(target) && !actions.isEmpty() && STREAM_READS.containsAll(actions)) {
                        reach.streams().add(tables.get(target));
                    } else if (tables.containsKey(target)) {
                        reach.tables().add(tables.get(target));
                        if (actions.stream().anyMatch(TABLE_WRITES::contains)) reach.writableTables().add(tables.get(target));
                    }
                    if (queues.containsKey(target) && actions.contains("sqs:SendMessage")) {
                        reach.sendQueues().add(queues.get(target));
                    }
                    if (queues.containsKey(target) && actions.contains("sqs:GetQueueAttributes")) {
                        reach.countedQueues().add(queues.get(target));
                    }
                    if (queues.containsKey(target) && actions.contains("sqs:ReceiveMessage")) {
                        reach.receiveQueues().add(queues.get(target));
                    }
                    secret |= secrets.contains(target);
                    if (admissionKeys.contains(target)) reach.admissionKeyActions().addAll(actions);
                    if (paymentKeys.contains(target)) reach.paymentKeyActions().addAll(actions);
                    if (adminWebhooks.contains(target)) reach.adminWebhookActions().addAll(actions);
                }
                kafkaWrite |= actions.contains("kafka-cluster:WriteData");
                kafkaRead |= actions.contains("kafka-cluster:ReadData");
            }
            return new Reach(reach.tables(), reach.writableTables(), reach.streams(), reach.sendQueues(),
                    reach.receiveQueues(), reach.countedQueues(), secret,
                    kafkaWrite, kafkaRead, reach.dataActionsOnEverything(), reach.admissionKeyActions(),
                    reach.paymentKeyActions(), reach.adminWebhookActions());
        }
    }
}
