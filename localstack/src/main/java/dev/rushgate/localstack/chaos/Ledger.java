package dev.rushgate.localstack.chaos;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every client was told, per client key (a user): the last definite answer, or {@link #NO_ANSWER} when the
 * request went out and nothing came back (the stack died under it). A definite answer is never overwritten by a
 * later lost one: a client that was told ACCEPTED holds the server to it.
 */
final class Ledger {
    /** The status recorded for a request that got no answer. */
    static final int NO_ANSWER = 0;

    /** One client's answer: HTTP status and the id it was given (claimId, voteId, orderId …), if any. */
    record Told(String client, int status, String id, String detail) {}

    private final Map<String, Told> told = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    void record(String client, int status, String id, String detail) {
        requests.incrementAndGet();
        told.merge(client, new Told(client, status, id, detail),
                (old, now) -> now.status() == NO_ANSWER && old.status() != NO_ANSWER ? old : now);
    }

    long requests() {
        return requests.get();
    }

    Told get(String client) {
        return told.get(client);
    }

    /** Clients whose last request got no answer: the ones a real client would retry. */
    List<String> unanswered() {
        return told.values().stream().filter(t -> t.status() == NO_ANSWER).map(Told::client).sorted().toList();
    }

    /** Clients told {@code status}, with what they were told. */
    List<Told> told(int status) {
        return told.values().stream().filter(t -> t.status() == status).toList();
    }

    Map<String, Told> all() {
        return Map.copyOf(told);
    }
}
