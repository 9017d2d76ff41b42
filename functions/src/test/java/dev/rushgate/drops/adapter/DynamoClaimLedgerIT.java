package dev.rushgate.drops.adapter;

import dev.rushgate.drops.domain.Drop;
import dev.rushgate.drops.domain.Page;
import dev.rushgate.drops.domain.StoredClaim;
import dev.rushgate.model.ClaimAccepted;
import dev.rushgate.testing.LocalDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Claims and drops against the project's DynamoDB engine. */
class DynamoClaimLedgerIT {

    private static LocalDynamoDb local;
    private static DynamoDbClient dynamo;
    private static DynamoClaimLedger ledger;
    private static DynamoDropCatalog catalog;

    @BeforeAll
    static void createTables() {
        local = LocalDynamoDb.start();
        dynamo = local.client();
        local.createTable("drops", "dropId", null);
        local.createTable("claims", "dropId", "claimId");
        ledger = new DynamoClaimLedger(dynamo, "claims", "drops", Clock.systemUTC());
        catalog = new DynamoDropCatalog(dynamo, "drops");
    }

    @AfterAll
    static void stop() {
        local.close();
    }


    @Test
    void storesAClaimOnce_andCountsItOnce_however_oftenItIsDelivered() {
        catalog.save(new Drop("once", "Coupon", 10, 1, Instant.parse("2026-11-23T20:00:00Z"), null, null));
        var claim = new ClaimAccepted("once", "0000000000010000000000000000000a", "u-1", 1_700_000_000_000L);

        boolean first = ledger.store(claim);
        boolean second = ledger.store(claim);

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(catalog.confirmed("once")).isEqualTo(1);
        assertThat(ledger.find("once", claim.claimId())).hasValueSatisfying(s -> assertThat(s.userId()).isEqualTo("u-1"));
    }

    @Test
    void storesABatchOnce_countingOnlyTheClaimsNotStoredBefore() {
        // given a batch in which some claims were stored by an earlier, interrupted delivery
        catalog.save(new Drop("batch", "Coupon", 500, 1, Instant.parse("2026-11-23T20:00:00Z"), null, null));
        List<ClaimAccepted> batch = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            batch.add(new ClaimAccepted("batch", String.format("%032x", 1000 + i), "u-" + i, 1L + i));
        }
        ledger.storeAll(List.of(batch.get(3), batch.get(120), batch.get(249)));

        // when the whole batch is delivered again, twice, with one claim repeated inside it
        List<ClaimAccepted> again = new ArrayList<>(batch);
        again.add(batch.get(7));
        var first = ledger.storeAll(again);
        var second = ledger.storeAll(again);

        // then each claim is stored and counted exactly once
        assertThat(first).hasSize(247).doesNotContain(batch.get(3).claimId(), batch.get(120).claimId());
        assertThat(second).isEmpty();
        assertThat(catalog.confirmed("batch")).isEqualTo(250);
        assertThat(ledger.page("batch", null, 1000).items()).hasSize(250);
    }

    @Test
    void keepsTheConfirmedCount_whenTheDropIsRedefined() {
        var drop = new Drop("kept", "Coupon", 10, 1, Instant.parse("2026-11-23T20:00:00Z"), null, null);
        assertThat(catalog.save(drop)).isTrue();
        ledger.store(new ClaimAccepted("kept", "0000000000010000000000000000000b", "u-1", 1L));

        boolean created = catalog.save(new Drop("kept", "Coupon II", 20, 2, drop.opensAt(), null, "room-1"));

        assertThat(created).isFalse();
        assertThat(catalog.confirmed("kept")).isEqualTo(1);
        assertThat(catalog.find("kept")).hasValueSatisfying(d -> {
            assertThat(d.stock()).isEqualTo(20);
            assertThat(d.roomId()).isEqualTo("room-1");
        });
    }

    @Test
    void pagesThroughEveryClaim_inArrivalOrder() {
        for (int i = 0; i < 25; i++) {
            ledger.store(new ClaimAccepted("paged", String.format("%032x", i + 1), "u-" + i, 1L + i));
        }

        List<StoredClaim> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<StoredClaim> page = ledger.page("paged", cursor, 10);
            all.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(all).hasSize(25);
        assertThat(all).extracting(StoredClaim::claimId).isSorted().doesNotHaveDuplicates();
        assertThat(pages).isBetween(3, 4);
    }
}
