package dev.rushgate.dynamodb.store;

import dev.rushgate.dynamodb.DynamoException;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The tables, as {@link Store} keeps them, cached in memory so an item request costs no catalog query. This engine
 * is the only writer of its catalog, so the cache is the truth once loaded.
 */
public final class Catalog {
    private final Store store;
    private final Clock clock;
    private final Map<String, TableDef> byName = new ConcurrentSkipListMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public Catalog(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        for (TableDef t : store.tables()) byName.put(t.name(), t);
    }

    /** The table, or DynamoDB's ResourceNotFoundException. */
    public TableDef get(String name) {
        TableDef t = byName.get(name);
        if (t == null) throw DynamoException.notFound("Requested resource not found: Table: " + name + " not found");
        return t;
    }

    public Collection<TableDef> all() {
        return byName.values();
    }

    public TableDef create(String name, KeyAttribute hash, KeyAttribute range, String streamViewType) {
        synchronized (lock(name)) {
            if (byName.containsKey(name)) throw DynamoException.inUse("Table already exists: " + name);
            TableDef t = store.create(name, hash, range, streamViewType, clock.instant());
            byName.put(name, t);
            return t;
        }
    }

    public TableDef delete(String name) {
        synchronized (lock(name)) {
            TableDef t = get(name);
            store.delete(t);
            byName.remove(name);
            return t;
        }
    }

    public TableDef setTtl(String name, String attribute) {
        synchronized (lock(name)) {
            TableDef t = get(name).withTtl(attribute);
            store.update(t);
            byName.put(name, t);
            return t;
        }
    }

    /** Turns the stream on with a new label, changes its view, or turns it off ({@code viewType} null). */
    public TableDef setStream(String name, String viewType) {
        synchronized (lock(name)) {
            TableDef old = get(name);
            String label = viewType == null ? null
                    : old.hasStream() && old.streamViewType().equals(viewType) ? old.streamLabel()
                    : StreamLabels.of(clock.instant());
            TableDef t = old.withStream(viewType, label);
            store.update(t);
            byName.put(name, t);
            return t;
        }
    }

    public List<TableDef> withStreams() {
        return byName.values().stream().filter(TableDef::hasStream).toList();
    }

    private Object lock(String name) {
        return locks.computeIfAbsent(name, n -> new Object());
    }
}
