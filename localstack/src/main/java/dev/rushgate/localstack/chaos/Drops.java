package dev.rushgate.localstack.chaos;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A drop as the scenarios without a crash use it: made, claimed by everyone, and read back. */
final class Drops {
    static final String ADMIN = "admin-chaos";

    private Drops() {}

    static void create(Api api, String dropId, int stock) throws IOException, InterruptedException {
        api.ok("PUT", "/v1/admin/drops/" + dropId, ADMIN, Map.of("name", "Chaos", "stock", stock, "perUserLimit", 1,
                "opensAt", Instant.now().minusSeconds(1).toString()));
    }

    /** Has every one of {@code users} claim once, 16 at a time. */
    static void claimAll(Api api, Ledger ledger, String dropId, List<String> users) throws InterruptedException {
        String path = "/v1/drops/" + dropId + "/claims";
        Crowd.start(users, 16, u -> DropsSigkill.claim(api, ledger, path, u)).join();
    }

    /** Waits (bounded) until the drop's confirmed count has stopped changing for {@code quiet} and reached {@code at}. */
    static long settled(Api api, String dropId, long at, Duration quiet, Duration limit)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long last = -1;
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long confirmed = api.get("/v1/drops/" + dropId, ADMIN).path("confirmed").asLong();
            if (confirmed != last) since = System.nanoTime();
            last = confirmed;
            if (confirmed >= at && System.nanoTime() - since >= quiet.toNanos()) return confirmed;
            Thread.sleep(250);
        }
        return last;
    }

    static List<JsonNode> stored(Api api, String dropId) throws IOException, InterruptedException {
        return api.all("/v1/admin/drops/" + dropId + "/claims", ADMIN);
    }

    /** Stored claims beyond one per claimId and one per user (the drops here have a per-user limit of 1). */
    static long duplicates(List<JsonNode> stored) {
        long distinctClaims = stored.stream().map(c -> c.path("claimId").asText()).distinct().count();
        long distinctUsers = stored.stream().map(c -> c.path("userId").asText()).distinct().count();
        return (stored.size() - distinctClaims) + (distinctClaims - distinctUsers);
    }
}
