package dev.rushgate.drops;

import dev.rushgate.drops.adapter.DynamoClaimLedger;
import dev.rushgate.drops.adapter.DynamoDropCatalog;
import dev.rushgate.drops.adapter.RedisStock;
import dev.rushgate.drops.adapter.RoomAdmissions;
import dev.rushgate.room.RoomWiring;
import dev.rushgate.drops.adapter.SqsClaimPipeline;
import dev.rushgate.drops.adapter.SqsClaimQueue;
import dev.rushgate.drops.domain.RecoverDrop;
import dev.rushgate.drops.domain.ClaimDrop;
import dev.rushgate.drops.domain.CloseDrop;
import dev.rushgate.drops.domain.RememberedRefusals;
import dev.rushgate.drops.domain.Stock;
import dev.rushgate.drops.domain.DefineDrop;
import dev.rushgate.drops.domain.ListClaims;
import dev.rushgate.drops.domain.StoreClaims;
import dev.rushgate.drops.domain.SweepClaimOutbox;
import dev.rushgate.drops.domain.ViewClaim;
import dev.rushgate.drops.domain.ViewDrop;
import dev.rushgate.notices.NoticesWiring;
import dev.rushgate.ops.OpsWiring;
import dev.rushgate.ops.domain.CloseEarly;
import dev.rushgate.platform.Clients;
import dev.rushgate.platform.Config;
import dev.rushgate.platform.RefusalMemory;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.Rushgate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Builds the drops use cases from configuration, once per execution environment. Each adapter is made
 * on first use, so a function builds only what its declared needs allow (a function without a table
 * name in its environment never asks for it).
 */
public final class DropsWiring {
    private DropsWiring() {}

    private static final Clock CLOCK = Clock.systemUTC();

    public static DefineDrop defineDrop() {
        return new DefineDrop(catalog(), stock());
    }

    public static CloseDrop closeDrop() {
        return new CloseDrop(catalog(), stock(), new CloseEarly(OpsWiring.auditControl(), CLOCK));
    }

    public static ClaimDrop claimDrop() {
        RedisStock redis = stock();
        Stock stock = new RememberedRefusals(redis, redis::refusalState, RefusalMemory.bound(), System::nanoTime);
        return new ClaimDrop(stock, catalog(), queue(), new RoomAdmissions(RoomWiring.checkAdmission()),
                recoverDrop(redis), CLOCK);
    }

    /** Rebuilds a drop the cache lost from the stored claims, once the claims queue has been empty long enough. */
    private static RecoverDrop recoverDrop(RedisStock stock) {
        String dlq = Rushgate.declaration().queue(Rushgate.CLAIMS_QUEUE).dlqId();
        var pipeline = new SqsClaimPipeline(Clients.get().sqs(), List.of(
                Config.required(EnvNames.queueUrl(Rushgate.CLAIMS_QUEUE)), Config.required(EnvNames.queueUrl(dlq))));
        return new RecoverDrop(stock, pipeline, ledger(), recoverySettle());
    }

    /** How long the claims queue must read empty before a rebuild (default 60 s: SQS's counts may lag a minute). */
    static Duration recoverySettle() {
        return Duration.ofMillis(Config.optional(EnvNames.RECOVERY_SETTLE_MS).map(Long::parseLong).orElse(60_000L));
    }

    public static ViewDrop viewDrop() {
        RedisStock stock = stock();
        return new ViewDrop(catalog(), stock, recoverDrop(stock), CLOCK);
    }

    public static ViewClaim viewClaim() {
        return new ViewClaim(ledger(), stock());
    }

    public static ListClaims listClaims() {
        return new ListClaims(catalog(), ledger());
    }

    public static StoreClaims storeClaims() {
        return new StoreClaims(ledger(), catalog(), NoticesWiring.queueIfDeclared());
    }

    public static SweepClaimOutbox sweepClaimOutbox() {
        return new SweepClaimOutbox(catalog(), stock(), queue(), CLOCK);
    }

    private static RedisStock stock() {
        return new RedisStock(Clients.get()::redis);
    }

    private static DynamoDropCatalog catalog() {
        return new DynamoDropCatalog(Clients.get().dynamo(), Config.required(EnvNames.table(Rushgate.DROPS_TABLE)));
    }

    private static DynamoClaimLedger ledger() {
        // Only the storing consumer writes the drops table (its confirmed count); readers do not get its name.
        return new DynamoClaimLedger(Clients.get().dynamo(), Config.required(EnvNames.table(Rushgate.CLAIMS_TABLE)),
                Config.optional(EnvNames.table(Rushgate.DROPS_TABLE)).orElse(null), CLOCK);
    }

    private static SqsClaimQueue queue() {
        return new SqsClaimQueue(Clients.get().sqs(), Config.required(EnvNames.queueUrl(Rushgate.CLAIMS_QUEUE)));
    }
}
