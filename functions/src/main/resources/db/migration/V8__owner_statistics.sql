-- Owner statistics (issue 20): events rolled up from the cache's per-second live counters into per-minute rows, with
-- the durable numbers and the users refused most often. docs/statistics.md says how re-runs stay exact.

-- Polls name the user who may read their statistics (drops keep it in DynamoDB, shows in their terms).
alter table rushgate.polls add column owner_id text;

-- One row per event rolled up at least once. rolled_to: every whole minute before it is in stats_minutes, and the
-- roll-up that moved it committed those minutes in the same transaction.
create table rushgate.stats_events (
    kind           text        not null,
    event_id       text        not null,
    owner_id       text,
    room_id        text,
    rolled_to      timestamptz not null,
    -- whole minutes whose seconds had already left the cache when the roll-up came to them (it did not run for
    -- longer than the counters' window): added once, as rolled_to passes them
    missed_minutes bigint      not null default 0 check (missed_minutes >= 0),
    -- the durable end of the funnel, as last read: a drop's claims stored, a show's orders paid, a poll's votes counted
    durable        bigint      not null default 0 check (durable >= 0),
    rolled_at      timestamptz not null,
    primary key (kind, event_id)
);

-- Answers per event and whole minute: absolute counts, computed from that minute's seconds and written with SET, so
-- writing a minute again writes the same row.
create table rushgate.stats_minutes (
    kind     text        not null,
    event_id text        not null,
    minute   timestamptz not null,
    answer   text        not null,
    count    bigint      not null check (count >= 0),
    primary key (kind, event_id, minute, answer)
);

-- Refusals per user, as the deciding calls counted them (a sorted set per event): absolute, never lowered.
create table rushgate.stats_refused_users (
    kind      text   not null,
    event_id  text   not null,
    user_id   text   not null,
    refusals  bigint not null check (refusals >= 0),
    primary key (kind, event_id, user_id)
);
