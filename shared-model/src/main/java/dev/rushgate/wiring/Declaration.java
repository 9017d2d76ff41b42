package dev.rushgate.wiring;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The whole wiring of Rushgate: every function with its trigger and needs, every queue, topic and table.
 * The CDK app and the local stack are both generated from one instance of this, so the two cannot drift.
 * The constructor checks that every name a function uses is declared.
 */
public record Declaration(List<FunctionSpec> functions, List<QueueSpec> queues, List<TopicSpec> topics,
                          List<TableSpec> tables) {

    public Declaration {
        functions = List.copyOf(functions);
        queues = List.copyOf(queues);
        topics = List.copyOf(topics);
        tables = List.copyOf(tables);
        validate(functions, queues, topics, tables);
    }

    public List<FunctionSpec> httpFunctions() {
        return functions.stream().filter(f -> f.trigger() instanceof Trigger.Http).toList();
    }

    public List<FunctionSpec> deployedFunctions() {
        return functions.stream()
                .filter(f -> !(f.trigger() instanceof Trigger.Http h && h.access() == Access.LOCAL_ONLY))
                .toList();
    }

    public Optional<FunctionSpec> function(String id) {
        return functions.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    public QueueSpec queue(String id) {
        return declared(queues, QueueSpec::id, "queue", id);
    }

    /**
     * Every place dead letters gather: the dead-letter queue of each work queue, the on-failure queue of each Kafka
     * consumer (named after its topic) and of each DynamoDB-stream consumer (named after its table). Validation makes
     * every queue either consumed or some consumer's on-failure queue, so no message can end in a queue nobody lists.
     */
    public List<DeadLetterSource> deadLetterSources() {
        // a set: consumers of one stream or topic may share their failure queue, which is then one source
        java.util.Set<DeadLetterSource> out = new java.util.LinkedHashSet<>();
        for (FunctionSpec f : functions) {
            switch (f.trigger()) {
                case Trigger.Kafka k ->
                        out.add(new DeadLetterSource(k.topic(), DeadLetterSource.Kind.TOPIC, k.onFailureQueue()));
                case Trigger.DynamoStream d ->
                        out.add(new DeadLetterSource(d.table(), DeadLetterSource.Kind.STREAM, d.onFailureQueue()));
                default -> { }
            }
        }
        for (QueueSpec q : queues) {
            if (q.hasDeadLetterQueue()) out.add(new DeadLetterSource(q.id(), DeadLetterSource.Kind.QUEUE, q.dlqId()));
        }
        return List.copyOf(out);
    }

    /**
     * This declaration, once it is checked that no message can end where nobody looks: every work queue has a
     * consumer (its failures then reach its dead-letter queue, which the view lists) and every failure queue is some
     * consumer's on-failure destination. Partial declarations (tests of one engine) skip this; a deployable one must not.
     */
    public Declaration complete() {
        Set<String> consumed = new HashSet<>();
        Set<String> failureDestinations = new HashSet<>();
        for (FunctionSpec f : functions) {
            switch (f.trigger()) {
                case Trigger.Sqs s -> consumed.add(s.queue());
                case Trigger.Kafka k -> failureDestinations.add(k.onFailureQueue());
                case Trigger.DynamoStream d -> failureDestinations.add(d.onFailureQueue());
                default -> { }
            }
        }
        for (QueueSpec q : queues) {
            boolean used = q.hasDeadLetterQueue() ? consumed.contains(q.id()) : failureDestinations.contains(q.id());
            if (!used) {
                throw new IllegalArgumentException(q.hasDeadLetterQueue()
                        ? "work queue " + q.id() + " has no consumer: its messages would wait where nobody looks"
                        : "failure queue " + q.id() + " is no consumer's on-failure destination");
            }
        }
        return this;
    }

    /** The features its deployed functions belong to, in declaration order ({@link FunctionSpec#feature()}). */
    public List<String> features() {
        return deployedFunctions().stream().map(FunctionSpec::feature).distinct().toList();
    }

    /**
     * Only what {@code features} need: their functions, those of any feature consuming a queue they send to, the functions of {@link #CORE} (health, the unknown route,
     * dead letters, schema migrations) and the local-only routes, and the queues, topics and tables those functions use. A deployment (or a
     * local stack) of the selection creates nothing else, so it pays for nothing else.
     *
     * @throws IllegalArgumentException for a feature this declaration does not have
     */
    public Declaration select(java.util.Collection<String> features) {
        Set<String> wanted = new HashSet<>(features);
        wanted.add(CORE);
        List<String> known = features();
        for (String f : wanted) {
            if (!known.contains(f)) {
                throw new IllegalArgumentException("unknown feature " + f + "; known: " + String.join(", ", known));
            }
        }
        // A selected function that sends to another feature's queue (drops and ticketing tell users through the
        // notices queue) brings that feature along: a queue nobody consumes would keep its messages where nobody looks.
        boolean grown = true;
        while (grown) {
            grown = false;
            for (FunctionSpec f : functions) {
                if (!wanted.contains(f.feature())) continue;
                for (String queue : f.needs().sendsTo()) {
                    for (FunctionSpec consumer : functions) {
                        if (consumer.trigger() instanceof Trigger.Sqs s && s.queue().equals(queue)) {
                            grown |= wanted.add(consumer.feature());
                        }
                    }
                }
            }
        }
        boolean databaseWanted = functions.stream()
                .anyMatch(f -> wanted.contains(f.feature()) && !f.feature().equals(CORE) && f.needs().database());
        // The core's schema migrations run only where a selected feature has a database to migrate.
        // Local-only routes (the dev token issuer) are the local stack's own, kept whatever the selection.
        List<FunctionSpec> kept = functions.stream()
                .filter(f -> wanted.contains(f.feature()) || !deployedFunctions().contains(f))
                .filter(f -> !(f.feature().equals(CORE) && f.needs().database() && !databaseWanted))
                .toList();
        Set<String> queueIds = new HashSet<>();
        Set<String> topicIds = new HashSet<>();
        Set<String> tableIds = new HashSet<>();
        for (FunctionSpec f : kept) {
            switch (f.trigger()) {
                case Trigger.Sqs s -> queueIds.add(s.queue());
                case Trigger.Kafka k -> {
                    topicIds.add(k.topic());
                    queueIds.add(k.onFailureQueue());
                }
                case Trigger.DynamoStream d -> {
                    tableIds.add(d.table());
                    queueIds.add(d.onFailureQueue());
                }
                default -> { }
            }
            queueIds.addAll(f.needs().sendsTo());
            queueIds.addAll(f.needs().watches());
            topicIds.addAll(f.needs().producesTo());
            topicIds.addAll(f.needs().lagOf());
            tableIds.addAll(f.needs().tables());
        }
        return new Declaration(kept, queues.stream().filter(q -> queueIds.contains(q.id())).toList(),
                topics.stream().filter(t -> topicIds.contains(t.id())).toList(),
                tables.stream().filter(t -> tableIds.contains(t.id())).toList());
    }

    /** The feature every deployment has: health, the unknown route, dead letters and schema migrations. */
    public static final String CORE = "ops";

    /** The functions that consume {@code topicId}: each reads it as the consumer group named by its id. */
    public List<FunctionSpec> consumersOf(String topicId) {
        return functions.stream().filter(f -> f.trigger() instanceof Trigger.Kafka k && k.topic().equals(topicId))
                .toList();
    }

    public TopicSpec topic(String id) {
        return declared(topics, TopicSpec::id, "topic", id);
    }

    public TableSpec table(String id) {
        return declared(tables, TableSpec::id, "table", id);
    }

    private static <T> T declared(List<T> specs, Function<T, String> idOf, String kind, String id) {
        return specs.stream().filter(s -> idOf.apply(s).equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + kind + " " + id));
    }

    private static void validate(List<FunctionSpec> functions, List<QueueSpec> queues, List<TopicSpec> topics,
                                 List<TableSpec> tables) {
        Set<String> queueIds = ids(queues.stream().map(QueueSpec::id).toList(), "queue");
        Set<String> topicIds = ids(topics.stream().map(TopicSpec::id).toList(), "topic");
        Set<String> tableIds = ids(tables.stream().map(TableSpec::id).toList(), "table");
        ids(functions.stream().map(FunctionSpec::id).toList(), "function");
        ids(functions.stream().map(FunctionSpec::trigger).filter(t -> t instanceof Trigger.Http)
                .map(t -> ((Trigger.Http) t).routeKey()).toList(), "route");
        Map<String, QueueSpec> queueById = new HashMap<>();
        queues.forEach(q -> queueById.put(q.id(), q));
        for (FunctionSpec f : functions) {
            switch (f.trigger()) {
                case Trigger.Sqs s -> {
                    require(queueIds, s.queue(), f, "queue");
                    requireRole(queueById.get(s.queue()), QueueSpec.Role.WORK, f, "consumes");
                }
                case Trigger.Kafka k -> {
                    require(topicIds, k.topic(), f, "topic");
                    require(queueIds, k.onFailureQueue(), f, "queue");
                    requireRole(queueById.get(k.onFailureQueue()), QueueSpec.Role.FAILURES, f, "sends failures to");
                }
                case Trigger.DynamoStream d -> {
                    require(tableIds, d.table(), f, "table");
                    require(queueIds, d.onFailureQueue(), f, "queue");
                    requireRole(queueById.get(d.onFailureQueue()), QueueSpec.Role.FAILURES, f, "sends failures to");
                    if (!tables.stream().filter(t -> t.id().equals(d.table())).findFirst().orElseThrow().hasStream()) {
                        throw new IllegalArgumentException(f.id() + " consumes the stream of " + d.table()
                                + ", which declares none");
                    }
                }
                case Trigger.Http h -> { }
                case Trigger.Schedule s -> { }
                case Trigger.Deploy d -> { }
            }
            f.needs().tables().forEach(t -> require(tableIds, t, f, "table"));
            f.needs().sendsTo().forEach(q -> {
                require(queueIds, q, f, "queue");
                requireRole(queueById.get(q), QueueSpec.Role.WORK, f, "sends to");
            });
            f.needs().watches().forEach(q -> {
                require(queueIds, q, f, "queue");
                requireRole(queueById.get(q), QueueSpec.Role.WORK, f, "watches");
            });
            f.needs().producesTo().forEach(t -> require(topicIds, t, f, "topic"));
            for (String t : f.needs().lagOf()) {
                require(topicIds, t, f, "topic");
                if (functions.stream().noneMatch(c -> c.trigger() instanceof Trigger.Kafka k && k.topic().equals(t))) {
                    throw new IllegalArgumentException(f.id() + " watches the consumers of " + t + ", which has none");
                }
            }
        }
    }

    private static void requireRole(QueueSpec queue, QueueSpec.Role role, FunctionSpec f, String verb) {
        if (queue.role() != role) {
            throw new IllegalArgumentException(f.id() + " " + verb + " " + queue.id() + ", a "
                    + queue.role().name().toLowerCase(java.util.Locale.ROOT) + " queue; it needs a "
                    + role.name().toLowerCase(java.util.Locale.ROOT) + " queue");
        }
    }

    private static Set<String> ids(List<String> ids, String kind) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) throw new IllegalArgumentException("duplicate " + kind + ": " + id);
        }
        return seen;
    }

    private static void require(Set<String> declared, String name, FunctionSpec f, String kind) {
        if (!declared.contains(name)) {
            throw new IllegalArgumentException(f.id() + " uses undeclared " + kind + " " + name);
        }
    }
}
