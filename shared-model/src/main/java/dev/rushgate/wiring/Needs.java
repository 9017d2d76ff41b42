package dev.rushgate.wiring;

import java.util.List;
import java.util.Objects;

/**
 * What a function touches. Grants, environment variables and VPC placement are derived from this and
 * nothing else, so a function can reach exactly what it declares.
 *
 * @param reads    tables it reads
 * @param writes   tables it writes (and reads)
 * @param sendsTo  queues it sends to
 * @param producesTo Kafka topics it produces to
 * @param cache    whether it talks to Redis (puts it in the VPC)
 * @param database whether it talks to PostgreSQL (puts it in the VPC)
 * @param admissionKeys what it does with the waiting room's shared admission-token keys
 * @param deadLetters whether it operates every declared dead-letter queue: reads them, deletes from them and
 *                    sends their messages back to the queue they came from
 * @param payments whether it calls the payment provider (gets its URL and secret key)
 * @param watches  queues whose depth it reads, with their dead-letter queues' (GetQueueAttributes only): to know
 *                 that everything sent to them has been consumed
 * @param lagOf    Kafka topics whose consumers' lag it reads, with their on-failure queues' depth (describe the
 *                 topic and the consumer groups, GetQueueAttributes): to know that everything produced to them has
 *                 been consumed
 * @param inspects whether it asks Amazon Bedrock to inspect posts (ApplyGuardrail on the stack's guardrail, Converse
 *                 with the configured model): gets their ids and may call exactly those
 * @param upstream whether it calls the user service another team runs (profiles and categories): gets its URL and,
 *                 in the VPC, a way out to it
 * @param search   whether it reads or writes the posts search index (the OpenSearch domain, in the VPC)
 * @param adminWebhook whether it posts to the operators' webhook (alarms and alerts): reads the one secret holding
 *                 its URL
 */
public record Needs(List<String> reads, List<String> writes, List<String> sendsTo, List<String> producesTo,
                    boolean cache, boolean database, AdmissionKeys admissionKeys, boolean deadLetters,
                    boolean payments, List<String> watches, List<String> lagOf,
                    boolean inspects, boolean upstream, boolean search, boolean adminWebhook) {

    /**
     * Access to the one secret that holds the admission tokens' signing keys (a JWK set). Functions that
     * sign or verify tokens read it; only the rotation function writes it.
     */
    public enum AdmissionKeys {
        /** Never touches admission tokens. */
        NONE,
        /** Signs or verifies admission tokens: reads the keys. */
        USE,
        /** Makes, retires and drops keys: reads and writes them. */
        ROTATE;

        public boolean reads() {
            return this != NONE;
        }

        public boolean writes() {
            return this == ROTATE;
        }
    }

    public Needs {
        java.util.Objects.requireNonNull(admissionKeys, "admissionKeys");
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
        sendsTo = List.copyOf(sendsTo);
        producesTo = List.copyOf(producesTo);
        watches = List.copyOf(watches);
        lagOf = List.copyOf(lagOf);
        for (String t : reads) {
            if (writes.contains(t)) throw new IllegalArgumentException("table both read and written: " + t);
        }
    }

    public static Needs none() {
        return new Needs(List.of(), List.of(), List.of(), List.of(), false, false, AdmissionKeys.NONE, false, false,
                List.of(), List.of(), false, false, false, false);
    }

    public Needs reading(String... tables) {
        return new Needs(concat(reads, tables), writes, sendsTo, producesTo,
                cache, database, admissionKeys, deadLetters, payments, watches, lagOf, inspects, upstream, search,
                adminWebhook);
    }

    public Needs writing(String... tables) {
        return new Needs(reads, concat(writes, tables), sendsTo, producesTo,
                cache, database, admissionKeys, deadLetters, payments, watches, lagOf, inspects, upstream, search,
                adminWebhook);
    }

    public Needs sending(String... queues) {
        return new Needs(reads, writes, concat(sendsTo, queues), producesTo,
                cache, database, admissionKeys, deadLetters, payments, watches, lagOf, inspects, upstream, search,
                adminWebhook);
    }

    public Needs producing(String... topics) {
        return new Needs(reads, writes, sendsTo, concat(producesTo, topics),
                cache, database, admissionKeys, deadLetters, payments, watches, lagOf, inspects, upstream, search,
                adminWebhook);
    }

    public Needs withCache() {
        return new Needs(reads, writes, sendsTo, producesTo, true, database, admissionKeys, deadLetters, payments,
                watches, lagOf, inspects, upstream, search, adminWebhook);
    }

    public Needs withDatabase() {
        return new Needs(reads, writes, sendsTo, producesTo, cache, true, admissionKeys, deadLetters, payments, watches,
                lagOf, inspects, upstream, search, adminWebhook);
    }

    /** Signs or verifies admission tokens, so reads the shared keys. */
    public Needs usingAdmissionKeys() {
        return new Needs(reads, writes, sendsTo, producesTo, cache, database, AdmissionKeys.USE, deadLetters, payments,
                watches, lagOf, inspects, upstream, search, adminWebhook);
    }

    /** Rotates the shared admission keys, so reads and writes them. */
    public Needs rotatingAdmissionKeys() {
        return new Needs(reads, writes, sendsTo, producesTo, cache, database, AdmissionKeys.ROTATE, deadLetters,
                payments, watches, lagOf, inspects, upstream, search, adminWebhook);
    }

    /** Operates every declared dead-letter queue (the admin API's dead-letter view and redrive). */
    public Needs operatingDeadLetters() {
        return new Needs(reads, writes, sendsTo, producesTo, cache, database, admissionKeys, true, payments, watches,
                lagOf, inspects, upstream, search, adminWebhook);
    }

    /** Calls the payment provider (ticketing's charge consumer), so gets its URL and reads its secret key. */
    public Needs chargingPayments() {
        return new Needs(reads, writes, sendsTo, producesTo, cache, database, admissionKeys, deadLetters, true, watches,
                lagOf, inspects, upstream, search, adminWebhook);
    }

    /** Reads how many messages wait in {@code queues} and their dead-letter queues. */
    public Needs watching(String... queues) {
        return new Needs(reads, writes, sendsTo, producesTo, cache, database, admissionKeys, deadLetters, payments,
                concat(watches, queues), lagOf, inspects, upstream, search, adminWebhook);
    }

    /** Reads how far the consumers of {@code topics} are behind, and whether their on-failure queues hold anything. */
    public Needs watchingConsumersOf(String... topics) {
        return new Needs(reads, writes, sendsTo, producesTo, cache, database, admissionKeys, deadLetters, payments,
                watches, concat(lagOf, topics), inspects, upstream, search, adminWebhook);
    }

    /** Asks Amazon Bedrock to inspect posts: the stack's guardrail and the configured model. */
    public Needs inspectingPosts() {
        return new Needs(reads, writes, sendsTo, producesTo, cache, database, admissionKeys, deadLetters, payments,
                watches, lagOf, true, upstream, search, adminWebhook);
    }

    /** Calls the user service another team runs, for profiles and categories (the feed's refresh consumer). */
    public Needs callingUpstream() {
        return new Needs(reads, writes, sendsTo, producesTo, cache, database, admissionKeys, deadLetters, payments,
                watches, lagOf, inspects, true, search, adminWebhook);
    }

    /** Reads or writes the posts search index: the domain's endpoint, signed requests, a way into the VPC. */
    public Needs searchingPosts() {
        return new Needs(reads, writes, sendsTo, producesTo, cache, database, admissionKeys, deadLetters, payments,
                watches, lagOf, inspects, upstream, true, adminWebhook);
    }

    /** Posts to the operators' Slack-compatible webhook: gets the secret that holds its URL, and may read it. */
    public Needs alertingAdmins() {
        return new Needs(reads, writes, sendsTo, producesTo, cache, database, admissionKeys, deadLetters, payments,
                watches, lagOf, inspects, upstream, search, true);
    }

    /** Every table it may touch, read or written. */
    public List<String> tables() {
        return java.util.stream.Stream.concat(reads.stream(), writes.stream()).toList();
    }

    private static List<String> concat(List<String> a, String... b) {
        var out = new java.util.ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    @Override
    public String toString() {
        return "Needs" + Objects.hash(reads, writes, sendsTo, producesTo, cache, database, admissionKeys, deadLetters,
                payments, watches, lagOf, inspects, upstream, search, adminWebhook);
    }
}
