package dev.rushgate.dynamodb.store;

import dev.rushgate.dynamodb.ConditionFailedException;
import dev.rushgate.dynamodb.DynamoException;
import dev.rushgate.dynamodb.TransactionCanceledException;
import dev.rushgate.dynamodb.value.ItemSize;
import dev.rushgate.dynamodb.value.Value;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tables, items and stream records in PostgreSQL, schema {@code dynamodb}. Each table is one PostgreSQL table keyed
 * by ({@code hh}, {@code h}, {@code r}) (see {@link StoredKey}) with the item as DynamoDB JSON.
 *
 * <p>Concurrency: every write runs in its own PostgreSQL transaction at READ COMMITTED. It reads the item with
 * {@code SELECT … FOR UPDATE}, decides (the {@link Mutation}), then writes; a second writer of the same item waits
 * for the first to commit and then decides against what the first wrote, so each item's conditions are serialisable.
 * An absent item cannot be locked, so its first write is a plain INSERT: when two writers race to create it, the
 * loser gets a unique violation and starts again from the read, now seeing the winner's item. A transaction locks
 * its items in one global order ({@link StoredKey#compareTo}), so transactions do not deadlock on existing items;
 * the rare deadlock on items created by both is detected by PostgreSQL and retried. Nothing locks a whole table.
 *
 * <p>A write to a table with a stream appends its stream record in the same PostgreSQL transaction: the item is its
 * own outbox, and a record exists exactly when its write committed.
 */
public final class Store {
    private static final int ATTEMPTS = 64;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String DEADLOCK = "40P01";
    private static final String SERIALIZATION = "40001";
    /** Serialises catalog changes between engines sharing one database (tests start several). */
    private static final long CATALOG_LOCK = 0x5275736867617465L;

    private final DataSource db;

    public Store(DataSource db) {
        this.db = db;
    }

    /** Creates the engine's schema when missing; safe to run from several engines at once. */
    public void migrate() {
        inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + CATALOG_LOCK + ")");
                s.execute("CREATE SCHEMA IF NOT EXISTS dynamodb");
                s.execute("CREATE SEQUENCE IF NOT EXISTS dynamodb.table_ids");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS dynamodb.tables (
                          name text PRIMARY KEY, id int NOT NULL UNIQUE,
                          hash_name text NOT NULL, hash_type text NOT NULL, range_name text, range_type text,
                          created_at timestamptz NOT NULL,
                          stream_view_type text, stream_label text, ttl_attribute text)""");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS dynamodb.stream_records (
                          id bigserial PRIMARY KEY, table_id int NOT NULL, seq bigint,
                          event_name text NOT NULL, keys bytea NOT NULL, old_image bytea, new_image bytea,
                          size int NOT NULL, by_ttl boolean NOT NULL DEFAULT false,
                          created_at timestamptz NOT NULL DEFAULT clock_timestamp())""");
                s.execute("CREATE INDEX IF NOT EXISTS stream_records_by_seq ON dynamodb.stream_records (table_id, seq) WHERE seq IS NOT NULL");
                s.execute("CREATE INDEX IF NOT EXISTS stream_records_unsequenced ON dynamodb.stream_records (id) WHERE seq IS NULL");
                s.execute("CREATE SEQUENCE IF NOT EXISTS dynamodb.stream_seq");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS dynamodb.transaction_tokens (
                          token text PRIMARY KEY, request_hash bytea NOT NULL,
                          created_at timestamptz NOT NULL DEFAULT now())""");
            }
            return null;
        });
    }

    // ---- catalog ----

    public List<TableDef> tables() {
        return inTransaction(c -> {
            List<TableDef> all = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT name, id, hash_name, hash_type, range_name, range_type, created_at, stream_view_type,"
                            + " stream_label, ttl_attribute FROM dynamodb.tables ORDER BY name")) {
                while (rs.next()) {
                    all.add(new TableDef(rs.getString(1), rs.getInt(2), new KeyAttribute(rs.getString(3), rs.getString(4)),
                            rs.getString(5) == null ? null : new KeyAttribute(rs.getString(5), rs.getString(6)),
                            rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9), rs.getString(10)));
                }
            }
            return all;
        });
    }

    /** Creates the table; throws ResourceInUseException when one of that name exists. */
    public TableDef create(String name, KeyAttribute hash, KeyAttribute range, String streamViewType, Instant now) {
        return inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + CATALOG_LOCK + ")");
            }
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM dynamodb.tables WHERE name = ?")) {
                p.setString(1, name);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) throw DynamoException.inUse("Table already exists: " + name);
                }
            }
            int id;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT nextval('dynamodb.table_ids')")) {
                rs.next();
                id = rs.getInt(1);
            }
            String label = streamViewType == null ? null : StreamLabels.of(now);
            TableDef table = new TableDef(name, id, hash, range, now, streamViewType, label, null);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO dynamodb.tables (name, id, hash_name, hash_type,"
                    + " range_name, range_type, created_at, stream_view_type, stream_label) VALUES (?,?,?,?,?,?,?,?,?)")) {
                p.setString(1, name);
                p.setInt(2, id);
                p.setString(3, hash.name());
                p.setString(4, hash.type());
                p.setString(5, range == null ? null : range.name());
                p.setString(6, range == null ? null : range.type());
                p.setTimestamp(7, Timestamp.from(now));
                p.setString(8, streamViewType);
                p.setString(9, label);
                p.executeUpdate();
            }
            String rangeType = range != null && range.type().equals("N") ? "numeric" : "bytea";
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table.sqlName() + " (hh int NOT NULL, h bytea NOT NULL, r " + rangeType
                        + " NOT NULL, item bytea NOT NULL, size int NOT NULL, ttl bigint, PRIMARY KEY (hh, h, r))");
                s.execute("CREATE INDEX ON " + table.sqlName() + " (ttl) WHERE ttl IS NOT NULL");
            }
            return table;
        });
    }

    public void delete(TableDef table) {
        inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM dynamodb.tables WHERE name = ? AND id = ?")) {
                p.setString(1, table.name());
                p.setInt(2, table.id());
                if (p.executeUpdate() == 0) throw DynamoException.notFound("Requested resource not found: Table: " + table.name() + " not found");
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table.sqlName());
            }
            return null;
        });
    }

    /** Saves a table's stream and TTL settings; turning TTL on fills in the expiry of the items already there. */
    public void update(TableDef table) {
        inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE dynamodb.tables SET stream_view_type = ?, stream_label = ?,"
                    + " ttl_attribute = ? WHERE name = ? AND id = ?")) {
                p.setString(1, table.streamViewType());
                p.setString(2, table.streamLabel());
                p.setString(3, table.ttlAttribute());
                p.setString(4, table.name());
                p.setInt(5, table.id());
                p.executeUpdate();
            }
            List<Object[]> expiries = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT hh, h, r, item FROM " + table.sqlName() + " FOR UPDATE")) {
                while (rs.next()) {
                    expiries.add(new Object[] {rs.getInt(1), rs.getBytes(2), rs.getObject(3),
                            expiry(table, Items.fromBytes(rs.getBytes(4)))});
                }
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE " + table.sqlName() + " SET ttl = ? WHERE hh = ? AND h = ? AND r = ?")) {
                for (Object[] e : expiries) {
                    setLong(p, 1, (Long) e[3]);
                    p.setInt(2, (Integer) e[0]);
                    p.setBytes(3, (byte[]) e[1]);
                    p.setObject(4, e[2]);
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    // ---- items ----

    /** The item, or an empty map when absent. */
    public Map<String, Value> get(TableDef table, StoredKey key) {
        return oneStatement(c -> read(c, table, key, false));
    }

    /** The item as stored (DynamoDB JSON), or null when absent. */
    public byte[] getJson(TableDef table, StoredKey key) {
        return oneStatement(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT item FROM " + table.sqlName() + " WHERE hh = ? AND h = ? AND r = ?")) {
                bindKey(p, 1, key);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
        });
    }

    /** The items found of {@code keys}, in no particular order; absent ones are left out. */
    public List<Map<String, Value>> getAll(TableDef table, List<StoredKey> keys) {
        if (keys.isEmpty()) return List.of();
        return oneStatement(c -> {
            List<Map<String, Value>> items = new ArrayList<>(keys.size());
            try (PreparedStatement p = c.prepareStatement("SELECT item FROM " + table.sqlName() + " WHERE (hh, h, r) IN ("
                    + placeholders(keys.size()) + ")")) {
                int i = 1;
                for (StoredKey k : keys) i = bindKey(p, i, k);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) items.add(Items.fromBytes(rs.getBytes(1)));
                }
            }
            return items;
        });
    }

    /**
     * Writes one item as {@code mutation} decides. With {@code insertFirst} the write is first tried as an insert
     * of what the mutation decides for an absent item, in one statement, which is the fast path of a put that
     * expects a new item; if the item exists, it goes the usual way.
     */
    public WriteOutcome write(TableDef table, StoredKey key, Mutation mutation, boolean insertFirst) {
        if (insertFirst) {
            Map<String, Value> fresh = decideForAbsent(mutation);
            if (fresh != null && insertIfAbsent(table, key, fresh)) return new WriteOutcome(Map.of(), fresh);
        }
        return inTransaction(c -> {
            Map<String, Value> old = read(c, table, key, true);
            Map<String, Value> now = mutation.apply(old);
            apply(c, table, key, old, now);
            return new WriteOutcome(old, now == old ? old : now);
        });
    }

    /** What the mutation makes of an absent item, or null when that would fail or not be a plain insert. */
    private static Map<String, Value> decideForAbsent(Mutation mutation) {
        Map<String, Value> absent = Map.of();
        try {
            Map<String, Value> now = mutation.apply(absent);
            return now == null || now == absent || now.isEmpty() ? null : now;
        } catch (DynamoException e) {
            return null; // the item may exist and make it succeed: decide under the lock
        }
    }

    private boolean insertIfAbsent(TableDef table, StoredKey key, Map<String, Value> item) {
        return oneStatement(c -> {
            String insert = "INSERT INTO " + table.sqlName() + " (hh, h, r, item, size, ttl) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING";
            boolean stream = table.hasStream();
            String sql = stream
                    ? "WITH ins AS (" + insert + " RETURNING 1) INSERT INTO dynamodb.stream_records"
                      + " (table_id, event_name, keys, old_image, new_image, size) SELECT ?,?,?,?,?,? FROM ins"
                    : insert;
            try (PreparedStatement p = c.prepareStatement(sql)) {
                int i = bindKey(p, 1, key);
                p.setBytes(i++, Items.toBytes(item));
                p.setInt(i++, ItemSize.of(item));
                setLong(p, i++, expiry(table, item));
                if (stream) bindStreamRecord(p, i, table, "INSERT", item, Map.of(), item);
                return p.executeUpdate() == 1;
            }
        });
    }

    /**
     * Runs a write transaction: every action's item locked, every mutation decided, then all written, or none when
     * any fails (TransactionCanceledException with a reason per action, in order). A {@code token} already used
     * for the same request within 10 minutes makes this a no-op that succeeds again; for another request, an
     * IdempotentParameterMismatchException.
     */
    public void transact(List<TxAction> actions, String token, byte[] requestHash) {
        inTransaction(c -> {
            if (token != null && seenToken(c, token, requestHash)) return null;
            Map<TxAction, Map<String, Value>> olds = lockAll(c, actions, "FOR UPDATE");
            List<TransactionCanceledException.Reason> reasons = new ArrayList<>(actions.size());
            List<Map<String, Value>> nows = new ArrayList<>(actions.size());
            boolean failed = false;
            for (TxAction a : actions) {
                Map<String, Value> old = olds.get(a);
                try {
                    nows.add(a.mutation().apply(old));
                    reasons.add(TransactionCanceledException.Reason.NONE);
                } catch (ConditionFailedException e) {
                    failed = true;
                    nows.add(old);
                    reasons.add(new TransactionCanceledException.Reason("ConditionalCheckFailed",
                            "The conditional request failed", e.item()));
                } catch (DynamoException e) {
                    if (!e.type().equals("ValidationException")) throw e;
                    failed = true;
                    nows.add(old);
                    reasons.add(new TransactionCanceledException.Reason("ValidationError", e.getMessage(), Map.of()));
                }
            }
            if (failed) {
                c.rollback();
                throw new TransactionCanceledException(reasons);
            }
            applyAll(c, actions, olds, nows);
            if (token != null) saveToken(c, token, requestHash);
            return null;
        });
    }

    private static boolean seenToken(Connection c, String token, byte[] requestHash) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT request_hash FROM dynamodb.transaction_tokens"
                + " WHERE token = ? AND created_at > now() - interval '10 minutes'")) {
            p.setString(1, token);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) return false;
                if (Arrays.equals(rs.getBytes(1), requestHash)) return true;
                throw new DynamoException("IdempotentParameterMismatchException",
                        "Transaction request cannot include the same client request token with different parameters");
            }
        }
    }

    private static void saveToken(Connection c, String token, byte[] requestHash) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO dynamodb.transaction_tokens (token, request_hash) VALUES (?, ?)"
                + " ON CONFLICT (token) DO UPDATE SET request_hash = excluded.request_hash, created_at = now()"
                + " WHERE dynamodb.transaction_tokens.created_at <= now() - interval '10 minutes'")) {
            p.setString(1, token);
            p.setBytes(2, requestHash);
            // Nothing written: a live token of a transaction that committed meanwhile. Start again, and find it.
            if (p.executeUpdate() == 0) throw new SQLException("token taken meanwhile", UNIQUE_VIOLATION);
        }
    }

    /**
     * The items of {@code reads} (their mutations are not run), in the same order, as one consistent read: each is
     * share-locked until all are read, so no write transaction can commit half-way between them.
     */
    public List<Map<String, Value>> readTogether(List<TxAction> reads) {
        return inTransaction(c -> {
            Map<TxAction, Map<String, Value>> found = lockAll(c, reads, "FOR SHARE");
            List<Map<String, Value>> items = new ArrayList<>(reads.size());
            for (TxAction a : reads) items.add(found.get(a));
            return items;
        });
    }

    /** Locks the actions' items in the global key order; returns each action's item (empty when absent). */
    private Map<TxAction, Map<String, Value>> lockAll(Connection c, List<TxAction> actions, String lock) throws SQLException {
        Map<Integer, List<TxAction>> byTable = new java.util.TreeMap<>();
        for (TxAction a : actions) byTable.computeIfAbsent(a.table().id(), t -> new ArrayList<>()).add(a);
        Map<TxAction, Map<String, Value>> olds = new java.util.IdentityHashMap<>();
        for (List<TxAction> group : byTable.values()) {
            TableDef table = group.getFirst().table();
            Map<StoredKey, Map<String, Value>> found = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT hh, h, r, item FROM " + table.sqlName()
                    + " WHERE (hh, h, r) IN (" + placeholders(group.size()) + ") ORDER BY hh, h, r " + lock)) {
                int i = 1;
                for (TxAction a : group) i = bindKey(p, i, a.key());
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        found.put(new StoredKey(rs.getInt(1), rs.getBytes(2), rs.getObject(3)), Items.fromBytes(rs.getBytes(4)));
                    }
                }
            }
            for (TxAction a : group) olds.put(a, found.getOrDefault(a.key(), Map.of()));
        }
        return olds;
    }

    private static Map<String, Value> read(Connection c, TableDef table, StoredKey key, boolean lock) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT item FROM " + table.sqlName()
                + " WHERE hh = ? AND h = ? AND r = ?" + (lock ? " FOR UPDATE" : ""))) {
            bindKey(p, 1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Items.fromBytes(rs.getBytes(1)) : Map.of();
            }
        }
    }

    /**
     * Writes what a transaction's mutations decided, as {@link #apply} would one by one, but in one batch per kind of
     * statement: a transaction of 100 puts costs a few round trips, not a hundred.
     */
    private static void applyAll(Connection c, List<TxAction> actions, Map<TxAction, Map<String, Value>> olds,
                                 List<Map<String, Value>> nows) throws SQLException {
        Map<String, PreparedStatement> batches = new java.util.LinkedHashMap<>();
        try {
            for (int i = 0; i < actions.size(); i++) {
                TxAction a = actions.get(i);
                TableDef table = a.table();
                Map<String, Value> old = olds.get(a);
                Map<String, Value> now = nows.get(i);
                if (now == old) continue;
                if (now == null || now.isEmpty()) {
                    if (old.isEmpty()) continue;
                    PreparedStatement p = batch(c, batches, "DELETE FROM " + table.sqlName() + " WHERE hh = ? AND h = ? AND r = ?");
                    bindKey(p, 1, a.key());
                    p.addBatch();
                    streamBatch(c, batches, table, "REMOVE", old, old, null);
                    continue;
                }
                int size = ItemSize.checked(now);
                if (old.isEmpty()) {
                    PreparedStatement p = batch(c, batches, "INSERT INTO " + table.sqlName() + " (hh, h, r, item, size, ttl) VALUES (?,?,?,?,?,?)");
                    int j = bindKey(p, 1, a.key());
                    p.setBytes(j++, Items.toBytes(now));
                    p.setInt(j++, size);
                    setLong(p, j, expiry(table, now));
                    p.addBatch();
                    streamBatch(c, batches, table, "INSERT", now, null, now);
                } else if (!now.equals(old)) {
                    PreparedStatement p = batch(c, batches, "UPDATE " + table.sqlName() + " SET item = ?, size = ?, ttl = ? WHERE hh = ? AND h = ? AND r = ?");
                    p.setBytes(1, Items.toBytes(now));
                    p.setInt(2, size);
                    setLong(p, 3, expiry(table, now));
                    bindKey(p, 4, a.key());
                    p.addBatch();
                    streamBatch(c, batches, table, "MODIFY", now, old, now);
                }
            }
            for (PreparedStatement p : batches.values()) p.executeBatch();
        } finally {
            for (PreparedStatement p : batches.values()) p.close();
        }
    }

    private static PreparedStatement batch(Connection c, Map<String, PreparedStatement> batches, String sql) throws SQLException {
        PreparedStatement p = batches.get(sql);
        if (p == null) {
            p = c.prepareStatement(sql);
            batches.put(sql, p);
        }
        return p;
    }

    private static void streamBatch(Connection c, Map<String, PreparedStatement> batches, TableDef table, String event,
                                    Map<String, Value> anyImage, Map<String, Value> old, Map<String, Value> now) throws SQLException {
        if (!table.hasStream()) return;
        PreparedStatement p = batch(c, batches, STREAM_INSERT);
        bindStreamRecord(p, 1, table, event, anyImage, old, now);
        p.addBatch();
    }

    private static final String STREAM_INSERT = "INSERT INTO dynamodb.stream_records"
            + " (table_id, event_name, keys, old_image, new_image, size) VALUES (?,?,?,?,?,?)";

    /** Writes what a mutation decided, and its stream record; nothing when it decided to leave the item be. */
    private static void apply(Connection c, TableDef table, StoredKey key, Map<String, Value> old,
                              Map<String, Value> now) throws SQLException {
        if (now == old) return;
        if (now == null || now.isEmpty()) {
            if (old.isEmpty()) return;
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table.sqlName() + " WHERE hh = ? AND h = ? AND r = ?")) {
                bindKey(p, 1, key);
                p.executeUpdate();
            }
            streamRecord(c, table, "REMOVE", old, old, null);
            return;
        }
        int size = ItemSize.checked(now);
        if (old.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table.sqlName() + " (hh, h, r, item, size, ttl) VALUES (?,?,?,?,?,?)")) {
                int i = bindKey(p, 1, key);
                p.setBytes(i++, Items.toBytes(now));
                p.setInt(i++, size);
                setLong(p, i, expiry(table, now));
                p.executeUpdate();
            }
            streamRecord(c, table, "INSERT", now, null, now);
        } else {
            if (now.equals(old)) return; // DynamoDB writes no stream record for a write that changes nothing
            try (PreparedStatement p = c.prepareStatement("UPDATE " + table.sqlName() + " SET item = ?, size = ?, ttl = ? WHERE hh = ? AND h = ? AND r = ?")) {
                p.setBytes(1, Items.toBytes(now));
                p.setInt(2, size);
                setLong(p, 3, expiry(table, now));
                bindKey(p, 4, key);
                p.executeUpdate();
            }
            streamRecord(c, table, "MODIFY", now, old, now);
        }
    }

    private static void streamRecord(Connection c, TableDef table, String event, Map<String, Value> anyImage,
                                     Map<String, Value> old, Map<String, Value> now) throws SQLException {
        if (!table.hasStream()) return;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO dynamodb.stream_records"
                + " (table_id, event_name, keys, old_image, new_image, size) VALUES (?,?,?,?,?,?)")) {
            bindStreamRecord(p, 1, table, event, anyImage, old, now);
            p.executeUpdate();
        }
    }

    private static void bindStreamRecord(PreparedStatement p, int i, TableDef table, String event,
                                         Map<String, Value> anyImage, Map<String, Value> old,
                                         Map<String, Value> now) throws SQLException {
        String view = table.streamViewType();
        boolean keepOld = old != null && !old.isEmpty() && (view.equals("OLD_IMAGE") || view.equals("NEW_AND_OLD_IMAGES"));
        boolean keepNew = now != null && !now.isEmpty() && (view.equals("NEW_IMAGE") || view.equals("NEW_AND_OLD_IMAGES"));
        Map<String, Value> keys = StoredKey.keyOf(table, anyImage);
        p.setInt(i++, table.id());
        p.setString(i++, event);
        p.setBytes(i++, Items.toBytes(keys));
        p.setBytes(i++, keepOld ? Items.toBytes(old) : null);
        p.setBytes(i++, keepNew ? Items.toBytes(now) : null);
        p.setInt(i, ItemSize.of(keys) + (keepOld ? ItemSize.of(old) : 0) + (keepNew ? ItemSize.of(now) : 0));
    }

    // ---- reads of many ----

    /** A sort-key bound of a Query: {@code r <op> value}, with value in stored form. */
    public record RangeBound(String op, Object value) {}

    /**
     * Up to {@code limit} items of one partition, in sort-key order (or reverse), after {@code startAfter} (a sort
     * key in stored form, or null) and within {@code bounds}.
     */
    public List<Row> query(TableDef table, StoredKey partition, List<RangeBound> bounds, Object startAfter,
                           boolean forward, int limit) {
        StringBuilder sql = new StringBuilder("SELECT hh, h, r, item, size FROM ").append(table.sqlName()).append(" WHERE hh = ? AND h = ?");
        for (RangeBound b : bounds) sql.append(" AND r ").append(b.op()).append(" ?");
        if (startAfter != null) sql.append(forward ? " AND r > ?" : " AND r < ?");
        sql.append(forward ? " ORDER BY r" : " ORDER BY r DESC").append(" LIMIT ?");
        return oneStatement(c -> {
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                int i = 1;
                p.setInt(i++, partition.hh());
                p.setBytes(i++, partition.h());
                for (RangeBound b : bounds) setRange(p, i++, b.value());
                if (startAfter != null) setRange(p, i++, startAfter);
                p.setInt(i, limit);
                return rows(p);
            }
        });
    }

    /** Up to {@code limit} items with {@code hh} in [from, to), in key order, after {@code startAfter} (or null). */
    public List<Row> scan(TableDef table, int from, int to, StoredKey startAfter, int limit) {
        String sql = "SELECT hh, h, r, item, size FROM " + table.sqlName() + " WHERE hh >= ? AND hh < ?"
                + (startAfter == null ? "" : " AND (hh, h, r) > (?, ?, ?)") + " ORDER BY hh, h, r LIMIT ?";
        return oneStatement(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setInt(1, from);
                p.setInt(2, to);
                int i = 3;
                if (startAfter != null) i = bindKey(p, i, startAfter);
                p.setInt(i, limit);
                return rows(p);
            }
        });
    }

    private static List<Row> rows(PreparedStatement p) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(new StoredKey(rs.getInt(1), rs.getBytes(2), rs.getObject(3)), rs.getBytes(4), rs.getInt(5)));
            }
        }
        return rows;
    }

    /**
     * An estimate of a table's item count, as DynamoDB's ItemCount is one (it refreshes every six hours): PostgreSQL's
     * own statistics, so that a DescribeTable (which waiters call in a loop) never counts a table of millions of votes.
     */
    public long approximateCount(TableDef table) {
        return number("SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = '" + table.sqlName() + "'::regclass");
    }

    // ---- TTL ----

    /** Deletes up to {@code limit} items of {@code table} expired before {@code nowSeconds}; returns how many. */
    public int deleteExpired(TableDef table, long nowSeconds, int limit) {
        return inTransaction(c -> {
            List<Object[]> expired = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT hh, h, r, item FROM " + table.sqlName()
                    + " WHERE ttl IS NOT NULL AND ttl < ? ORDER BY ttl LIMIT ? FOR UPDATE SKIP LOCKED")) {
                p.setLong(1, nowSeconds);
                p.setInt(2, limit);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) expired.add(new Object[] {rs.getInt(1), rs.getBytes(2), rs.getObject(3), rs.getBytes(4)});
                }
            }
            for (Object[] e : expired) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table.sqlName() + " WHERE hh = ? AND h = ? AND r = ?")) {
                    p.setInt(1, (Integer) e[0]);
                    p.setBytes(2, (byte[]) e[1]);
                    p.setObject(3, e[2]);
                    p.executeUpdate();
                }
                if (table.hasStream()) {
                    Map<String, Value> old = Items.fromBytes((byte[]) e[3]);
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO dynamodb.stream_records"
                            + " (table_id, event_name, keys, old_image, new_image, size, by_ttl) VALUES (?,?,?,?,?,?,true)")) {
                        bindStreamRecord(p, 1, table, "REMOVE", old, old, null);
                        p.executeUpdate();
                    }
                }
            }
            return expired.size();
        });
    }

    /** The item's expiry in epoch seconds, when the table has TTL on and the item a number in that attribute. */
    private static Long expiry(TableDef table, Map<String, Value> item) {
        if (table.ttlAttribute() == null) return null;
        if (!(item.get(table.ttlAttribute()) instanceof Value.N n)) return null;
        try {
            return n.value().setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        } catch (ArithmeticException tooLarge) {
            return null;
        }
    }

    // ---- streams ----

    /**
     * Gives a sequence number to every committed record that has none, in the order they were written. A record gets
     * its number only once its transaction has committed, so a reader that has passed a number never finds a smaller
     * one appear behind it; two records of one item are written in the order their transactions took its lock, so
     * they are numbered in that order too.
     */
    public void sequenceStreamRecords() {
        inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                // One sequencer at a time, so numbers follow the order of ids.
                s.execute("SELECT pg_advisory_xact_lock(" + (CATALOG_LOCK + 1) + ")");
                s.executeUpdate("UPDATE dynamodb.stream_records r SET seq = nextval('dynamodb.stream_seq') FROM ("
                        + "SELECT id FROM dynamodb.stream_records WHERE seq IS NULL ORDER BY id) unnumbered WHERE r.id = unnumbered.id");
            }
            return null;
        });
    }

    /** A stream record as kept: its number, event, keys and images (null where the view leaves them out). */
    public record StreamRecord(long seq, String eventName, Map<String, Value> keys, Map<String, Value> oldImage,
                               Map<String, Value> newImage, int size, Instant created, boolean byTtl) {}

    /** Up to {@code limit} sequenced records of a table after {@code afterSeq}, in order. */
    public List<StreamRecord> streamRecords(int tableId, long afterSeq, int limit) {
        return inTransaction(c -> {
            List<StreamRecord> records = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT seq, event_name, keys, old_image, new_image, size, created_at, by_ttl"
                    + " FROM dynamodb.stream_records WHERE table_id = ? AND seq > ? AND seq IS NOT NULL ORDER BY seq LIMIT ?")) {
                p.setInt(1, tableId);
                p.setLong(2, afterSeq);
                p.setInt(3, limit);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        records.add(new StreamRecord(rs.getLong(1), rs.getString(2), Items.fromBytes(rs.getBytes(3)),
                                rs.getBytes(4) == null ? null : Items.fromBytes(rs.getBytes(4)),
                                rs.getBytes(5) == null ? null : Items.fromBytes(rs.getBytes(5)),
                                rs.getInt(6), rs.getTimestamp(7).toInstant(), rs.getBoolean(8)));
                    }
                }
            }
            return records;
        });
    }

    /** The first sequence number a table's stream has kept, or 0 when it has none. */
    public long firstStreamSeq(int tableId) {
        return number("SELECT coalesce(min(seq), 0) FROM dynamodb.stream_records WHERE table_id = ? AND seq IS NOT NULL", tableId);
    }

    /** The last sequence number given out for a table, or 0. */
    public long lastStreamSeq(int tableId) {
        return number("SELECT coalesce(max(seq), 0) FROM dynamodb.stream_records WHERE table_id = ? AND seq IS NOT NULL", tableId);
    }

    /** Streams keep records 24 hours, as DynamoDB's; transaction tokens are remembered 10 minutes. */
    public void trimHistory() {
        inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM dynamodb.stream_records WHERE created_at < now() - interval '24 hours'");
                s.executeUpdate("DELETE FROM dynamodb.transaction_tokens WHERE created_at < now() - interval '10 minutes'");
            }
            return null;
        });
    }

    // ---- plumbing ----

    /** The one number a one-row query answers, with integer parameters. */
    private long number(String sql, int... parameters) {
        return oneStatement(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) p.setInt(i + 1, parameters[i]);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static String placeholders(int keys) {
        StringBuilder sb = new StringBuilder(keys * 10);
        for (int i = 0; i < keys; i++) sb.append(i == 0 ? "(?,?,?)" : ",(?,?,?)");
        return sb.toString();
    }

    private static int bindKey(PreparedStatement p, int i, StoredKey key) throws SQLException {
        p.setInt(i++, key.hh());
        p.setBytes(i++, key.h());
        setRange(p, i++, key.r());
        return i;
    }

    private static void setRange(PreparedStatement p, int i, Object r) throws SQLException {
        if (r instanceof BigDecimal n) p.setBigDecimal(i, n);
        else p.setBytes(i, (byte[]) r);
    }

    private static void setLong(PreparedStatement p, int i, Long v) throws SQLException {
        if (v == null) p.setNull(i, Types.BIGINT);
        else p.setLong(i, v);
    }

    private final java.util.concurrent.atomic.LongAdder transactions = new java.util.concurrent.atomic.LongAdder();

    /**
     * Transactions committed in PostgreSQL so far, statements in autocommit included: the engine's share of the
     * database's {@code xact_commit}, which the stack's functions share.
     */
    public long transactions() {
        return transactions.sum();
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work}, one SQL statement, in autocommit: PostgreSQL makes the statement its own transaction, which
     * saves the round trip of a COMMIT.
     */
    private <T> T oneStatement(Work<T> work) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(true);
            T result = work.run(c);
            transactions.increment();
            return result;
        } catch (SQLException e) {
            throw DynamoException.internal("storage failed: " + e.getMessage());
        }
    }

    /** Runs {@code work} in one transaction, starting again on a lost race (unique violation, deadlock). */
    private <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    transactions.increment();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c);
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && isRace(e)) {
                    Thread.onSpinWait();
                    continue;
                }
                throw DynamoException.internal("storage failed: " + e.getMessage());
            }
        }
    }

    private static boolean isRace(SQLException e) {
        String state = e.getSQLState();
        return UNIQUE_VIOLATION.equals(state) || DEADLOCK.equals(state) || SERIALIZATION.equals(state);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }
}
