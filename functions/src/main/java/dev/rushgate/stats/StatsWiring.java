package dev.rushgate.stats;

import dev.rushgate.drops.adapter.DynamoDropCatalog;
import dev.rushgate.platform.Clients;
import dev.rushgate.platform.Config;
import dev.rushgate.stats.adapter.DropCatalogFacts;
import dev.rushgate.stats.adapter.JdbcEventFacts;
import dev.rushgate.stats.adapter.JdbcStatisticsStore;
import dev.rushgate.stats.adapter.RedisLiveTallies;
import dev.rushgate.stats.domain.EventFacts;
import dev.rushgate.stats.domain.ReadStatistics;
import dev.rushgate.stats.domain.RollUpStatistics;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.Rushgate;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Builds the owner statistics' use cases from configuration, once per execution environment. */
public final class StatsWiring {
    private StatsWiring() {}

    /** A room names no owner and keeps nothing durable: its statistics are its live counts alone. */
    private static final EventFacts ROOMS = id -> Optional.of(new EventFacts.Facts(null, null, 0));

    public static RollUpStatistics rollUpStatistics() {
        var clients = Clients.get();
        var drops = new DynamoDropCatalog(clients.dynamo(), Config.required(EnvNames.table(Rushgate.DROPS_TABLE)));
        return new RollUpStatistics(new RedisLiveTallies(clients::redis),
                Map.of("drop", new DropCatalogFacts(drops), "show", JdbcEventFacts.shows(clients::database),
                        "poll", JdbcEventFacts.polls(clients::database), "room", ROOMS),
                new JdbcStatisticsStore(clients::database), Clock.systemUTC());
    }

    public static ReadStatistics readStatistics() {
        return new ReadStatistics(new JdbcStatisticsStore(Clients.get()::database));
    }
}
