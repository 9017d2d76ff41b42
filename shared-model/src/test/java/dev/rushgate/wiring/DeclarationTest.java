package dev.rushgate.wiring;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeclarationTest {

    private static FunctionSpec http(String id, String method, String path) {
        return new FunctionSpec(id, "x.Handler", new Trigger.Http(method, path, Access.USER), Needs.none(), Sizing.API);
    }

    private static Declaration declaration(List<FunctionSpec> functions) {
        return new Declaration(functions, List.of(), List.of(new TopicSpec("events", 1)),
                List.of(new TableSpec("items", "id", null)));
    }

    @Test
    void acceptsRushgatesOwnDeclaration() {
        Declaration rushgate = Rushgate.declaration();
        assertThat(rushgate.complete()).isSameAs(rushgate);

        assertThat(rushgate.httpFunctions()).isNotEmpty();
        assertThat(rushgate.deployedFunctions()).noneMatch(f -> f.trigger() instanceof Trigger.Http h
                && h.access() == Access.LOCAL_ONLY);
    }

    @Test
    void refusesAFunctionThatUsesAnUndeclaredTableQueueOrTopic() {
        var readsUnknownTable = new FunctionSpec("reader", "x.H", new Trigger.Schedule(1, 1),
                Needs.none().reading("nope"), Sizing.API);
        var consumesUnknownQueue = new FunctionSpec("consumer", "x.H", new Trigger.Sqs("nope", 10, 0),
                Needs.none(), Sizing.CONSUMER);
        var producesUnknownTopic = new FunctionSpec("producer", "x.H", new Trigger.Schedule(1, 1),
                Needs.none().producing("nope"), Sizing.API);

        for (FunctionSpec wrong : List.of(readsUnknownTable, consumesUnknownQueue, producesUnknownTopic)) {
            assertThatThrownBy(() -> declaration(List.of(wrong))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("undeclared");
        }
    }

    @Test
    void watchesTheConsumersOfATopic_onlyWhenSomethingConsumesIt() {
        var watcher = new FunctionSpec("watcher", "x.H", new Trigger.Schedule(1, 1),
                Needs.none().watchingConsumersOf("events"), Sizing.API);
        var counter = new FunctionSpec("counter", "x.H", new Trigger.Kafka("events", 10, "failed"), Needs.none(),
                Sizing.CONSUMER);
        List<QueueSpec> queues = List.of(QueueSpec.failures("failed"));
        List<TopicSpec> topics = List.of(new TopicSpec("events", 1));

        assertThatThrownBy(() -> new Declaration(List.of(watcher), queues, topics, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("which has none");
        assertThat(new Declaration(List.of(watcher, counter), queues, topics, List.of()).consumersOf("events"))
                .containsExactly(counter);
        assertThat(Rushgate.declaration().consumersOf(Rushgate.VOTES_TOPIC)).extracting(FunctionSpec::id)
                .containsExactly("count-votes");
    }

    @Test
    void refusesTwoFunctionsOnOneRoute_andTwoFunctionsWithOneId() {
        assertThatThrownBy(() -> declaration(List.of(http("a", "GET", "/v1/x"), http("b", "GET", "/v1/x"))))
                .hasMessageContaining("duplicate route");
        assertThatThrownBy(() -> declaration(List.of(http("a", "GET", "/v1/x"), http("a", "GET", "/v1/y"))))
                .hasMessageContaining("duplicate function");
    }

    @Test
    void refusesIdsThatAreNotKebabCase_andTablesReadAndWrittenAtOnce() {
        assertThatThrownBy(() -> http("Not_Kebab", "GET", "/v1/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Needs.none().reading("items").writing("items"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesEnvironmentVariablesFromIds() {
        assertThat(EnvNames.table("drops")).isEqualTo("TABLE_DROPS");
        assertThat(EnvNames.queueUrl("claims-dlq")).isEqualTo("QUEUE_CLAIMS_DLQ_URL");
        assertThat(EnvNames.topic("votes")).isEqualTo("TOPIC_VOTES");
    }

    @Test
    void acceptsAStreamConsumerOfATableWithAStream_andRefusesOneOfATableWithout() {
        var feed = new FunctionSpec("feed", "x.H", new Trigger.DynamoStream("items", 100, 3, true, "jobs"),
                Needs.none(), Sizing.CONSUMER);
        var withStream = new Declaration(List.of(feed), List.of(QueueSpec.failures("jobs")), List.of(),
                List.of(new TableSpec("items", "id", null).withStream("NEW_AND_OLD_IMAGES")));

        assertThat(withStream.table("items").streamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThatThrownBy(() -> new Declaration(List.of(feed), List.of(QueueSpec.failures("jobs")), List.of(),
                List.of(new TableSpec("items", "id", null)))).hasMessageContaining("declares none");
        var unknownQueue = new FunctionSpec("feed", "x.H", new Trigger.DynamoStream("items", 100, 3, true, "nope"),
                Needs.none(), Sizing.CONSUMER);
        assertThatThrownBy(() -> new Declaration(List.of(unknownQueue), List.of(), List.of(),
                List.of(new TableSpec("items", "id", null).withStream("NEW_IMAGE")))).hasMessageContaining("undeclared");
    }

    @Test
    void refusesStreamSettingsLambdaRefuses() {
        assertThatThrownBy(() -> new Trigger.DynamoStream("items", 0, 3, false, "jobs")).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> new Trigger.DynamoStream("items", 10_001, 3, false, "jobs")).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> new Trigger.DynamoStream("items", 10, -2, false, "jobs")).hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> new Trigger.DynamoStream("items", 10, 3, false, "jobs", List.of("[]")))
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> new TableSpec("items", "id", null).withStream("EVERYTHING"))
                .hasMessageContaining("stream view type");
        assertThat(new Trigger.DynamoStream("items", 10, -1, false, "jobs").maxRetries()).isEqualTo(-1);
    }

    @Test
    void listsWhereEveryFailureEnds_aWorkQueuesDlq_aTopicsAndAStreamsFailureQueue() {
        var work = new FunctionSpec("work", "x.H", new Trigger.Sqs("jobs", 10, 0), Needs.none(), Sizing.CONSUMER);
        var count = new FunctionSpec("count", "x.H", new Trigger.Kafka("events", 100, "events-failed"), Needs.none(),
                Sizing.CONSUMER);
        var feed = new FunctionSpec("feed", "x.H", new Trigger.DynamoStream("items", 100, 3, true, "items-failed"),
                Needs.none(), Sizing.CONSUMER);
        var declaration = new Declaration(List.of(work, count, feed), List.of(new QueueSpec("jobs", 60, 3),
                QueueSpec.failures("events-failed"), QueueSpec.failures("items-failed")),
                List.of(new TopicSpec("events", 1)), List.of(new TableSpec("items", "id", null).withStream("NEW_IMAGE")));

        assertThat(declaration.deadLetterSources()).containsExactlyInAnyOrder(
                new DeadLetterSource("jobs", DeadLetterSource.Kind.QUEUE, "jobs-dlq"),
                new DeadLetterSource("events", DeadLetterSource.Kind.TOPIC, "events-failed"),
                new DeadLetterSource("items", DeadLetterSource.Kind.STREAM, "items-failed"));
        assertThatThrownBy(() -> QueueSpec.failures("events-failed").dlqId()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAQueueWhereMessagesWouldEndUnlisted() {
        var count = new FunctionSpec("count", "x.H", new Trigger.Kafka("events", 100, "events-failed"), Needs.none(),
                Sizing.CONSUMER);
        var topics = List.of(new TopicSpec("events", 1));
        // an on-failure destination with a redrive policy of its own: looks would move failures on, out of view
        assertThatThrownBy(() -> new Declaration(List.of(count), List.of(new QueueSpec("events-failed", 60, 5)), topics,
                List.of())).hasMessageContaining("needs a failures queue");
        // a work queue nobody consumes, and a failure queue nobody sends failures to, in a deployable declaration
        assertThatThrownBy(() -> new Declaration(List.of(count), List.of(QueueSpec.failures("events-failed"),
                new QueueSpec("orphan", 60, 3)), topics, List.of()).complete()).hasMessageContaining("orphan has no consumer");
        assertThatThrownBy(() -> new Declaration(List.of(count), List.of(QueueSpec.failures("events-failed"),
                QueueSpec.failures("unused-failed")), topics, List.of()).complete())
                .hasMessageContaining("unused-failed is no consumer's on-failure destination");
        // a failure queue nobody sends failures to
        var work = new FunctionSpec("work", "x.H", new Trigger.Sqs("stray-failed", 10, 0), Needs.none(), Sizing.CONSUMER);
        assertThatThrownBy(() -> new Declaration(List.of(work), List.of(QueueSpec.failures("stray-failed")), topics,
                List.of())).hasMessageContaining("needs a work queue");
    }

    @Test
    void selectsWhatAFeatureNeeds_andTheCore_andNothingElse() {
        Declaration rushgate = Rushgate.declaration();
        assertThat(rushgate.features()).containsExactlyInAnyOrder("ops", "drops", "room", "votes", "tickets",
                "feed", "notices", "stats");

        Declaration drops = rushgate.select(List.of("drops"));

        // drops tell claimants through the notices queue, so the notices feature (its consumer) comes along
        assertThat(drops.features()).containsExactlyInAnyOrder("ops", "drops", "notices");
        assertThat(drops.functions()).extracting(FunctionSpec::id).contains("claim-drop", "store-claims", "health",
                "list-dead-letters", "deliver-notices", "list-notifications")
                .doesNotContain("cast-vote", "enter-room", "migrate-schema");
        assertThat(drops.queues()).extracting(QueueSpec::id)
                .containsExactlyInAnyOrder(Rushgate.CLAIMS_QUEUE, Rushgate.NOTICES_QUEUE, Rushgate.ADMIN_ALERTS_QUEUE);
        assertThat(drops.topics()).isEmpty();
        assertThat(drops.tables()).extracting(TableSpec::id)
                .containsExactlyInAnyOrder(Rushgate.DROPS_TABLE, Rushgate.CLAIMS_TABLE, Rushgate.NOTICES_TABLE,
                        Rushgate.ADMIN_ALERTS_TABLE, Rushgate.AUDIT_TABLE);
        assertThat(drops.functions()).noneMatch(f -> f.needs().database());
        assertThat(drops.complete()).isSameAs(drops);

        Declaration votes = rushgate.select(List.of("votes"));
        assertThat(votes.functions()).extracting(FunctionSpec::id).contains("migrate-schema", "count-votes");
        assertThat(votes.queues()).extracting(QueueSpec::id)
                .containsExactlyInAnyOrder(Rushgate.VOTES_FAILED_QUEUE, Rushgate.ADMIN_ALERTS_QUEUE);
        assertThat(votes.topics()).extracting(TopicSpec::id).containsExactlyInAnyOrder("votes", "alerts");

        Declaration feed = rushgate.select(List.of("feed"));
        assertThat(feed.functions()).extracting(FunctionSpec::id).contains("publish-post", "inspect-posts")
                .doesNotContain("migrate-schema");
        assertThat(feed.queues()).extracting(QueueSpec::id)
                .containsExactlyInAnyOrder(Rushgate.POSTS_FAILED_QUEUE, Rushgate.FAN_OUT_QUEUE,
                        Rushgate.UPSTREAM_REFRESH_QUEUE, Rushgate.SEARCH_INDEX_QUEUE, Rushgate.ADMIN_ALERTS_QUEUE);
        assertThat(feed.tables()).extracting(TableSpec::id).containsExactlyInAnyOrder(Rushgate.POSTS_TABLE,
                Rushgate.AUTHOR_POSTS_TABLE, Rushgate.FOLLOWERS_TABLE, Rushgate.SUBSCRIPTIONS_TABLE,
                Rushgate.INBOXES_TABLE, Rushgate.AUTHORS_TABLE, Rushgate.ADMIN_ALERTS_TABLE, Rushgate.AUDIT_TABLE);
        // two consumers of the posts stream share one failure queue: one place to look, listed once
        assertThat(feed.deadLetterSources()).extracting(DeadLetterSource::name)
                .containsExactlyInAnyOrder(Rushgate.POSTS_TABLE, Rushgate.FAN_OUT_QUEUE, Rushgate.UPSTREAM_REFRESH_QUEUE,
                        Rushgate.SEARCH_INDEX_QUEUE, Rushgate.ADMIN_ALERTS_QUEUE);
        assertThat(feed.topics()).isEmpty();

        assertThat(rushgate.select(rushgate.features()).functions()).isEqualTo(rushgate.functions());
        assertThatThrownBy(() -> rushgate.select(List.of("news"))).hasMessageContaining("unknown feature news");
    }
}
