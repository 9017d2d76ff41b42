-- Voting (issue 6): polls, the persisted tallies, which votes were counted, and the alerts that fired.

-- A poll's terms; options and alert rules as JSON ([{"id","label"}], [{"optionId"?,"threshold"}]).
create table rushgate.polls (
    poll_id     text primary key,
    question    text not null,
    options     jsonb not null,
    opens_at    timestamptz not null,
    closes_at   timestamptz not null,
    alerts      jsonb not null default '[]',
    room_id     text,
    webhook_url text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

-- Votes counted per option. Only the counting transaction and the rebuild change it.
create table rushgate.poll_tallies (
    poll_id   text not null references rushgate.polls (poll_id),
    option_id text not null,
    votes     bigint not null default 0 check (votes >= 0),
    primary key (poll_id, option_id)
);

-- Every vote id ever counted: a vote redelivered finds its row and changes no count.
create table rushgate.counted_votes (
    vote_id     text primary key,
    poll_id     text not null,
    option_id   text not null,
    accepted_at timestamptz not null,
    counted_at  timestamptz not null default now()
);

-- One row per alert that fired, ever: the key makes each (poll, option, threshold) fire once.
-- option_id '' is a threshold on the whole poll.
create table rushgate.poll_alerts (
    seq       bigserial unique,
    poll_id   text not null references rushgate.polls (poll_id),
    option_id text not null,
    threshold bigint not null,
    votes     bigint not null,
    fired_at  timestamptz not null default now(),
    primary key (poll_id, option_id, threshold)
);

-- Alerts recorded but not yet sent, one row per channel ('kafka', 'webhook'); a row goes once sent there,
-- so a webhook that keeps failing never makes the Kafka event go twice.
create table rushgate.poll_alert_outbox (
    seq     bigint not null references rushgate.poll_alerts (seq),
    channel text not null check (channel in ('kafka', 'webhook')),
    primary key (seq, channel)
);
