-- Ticketing: shows, their seat maps, holds, orders, the waitlist and its notices.
-- The last line against a double sale is seat_claims' primary key: a seat of a show is in at most one row,
-- whether held (hold_id set, order_id null) or sold (order_id set). Redis decides first; this refuses what
-- Redis got wrong (after losing its state, for instance).

create table rushgate.shows (
    show_id            text primary key,
    name               text        not null,
    starts_at          timestamptz not null,
    room_id            text,
    hold_seconds       int         not null,
    max_seats_per_user int         not null,
    offer_seconds      int         not null,
    total_seats        int         not null,
    terms              text        not null,
    created_at         timestamptz not null default now()
);

-- The seat map, written once (COPY) and never changed: status lives in seat_claims. Lean on purpose, so that a
-- 100,000-seat show goes in fast: one index, in map order; a seat's section and price follow from the show's terms
-- (sections are consecutive ordinals), and seat ids are checked against the map's shape by the seat map.
-- No foreign key to shows either: it would check every row of the COPY; the show row is written by the same
-- transaction, just before.
create table rushgate.seats (
    show_id text not null,
    ordinal int  not null,
    seat_id text not null,
    primary key (show_id, ordinal)
);

-- Holds and seat claims are written on the hot path (one insert per hold): they carry no foreign keys to shows,
-- seats or each other (each would fire a trigger per row); the seat map has checked the seats, and a hold and its
-- claims are written by one statement.
create table rushgate.holds (
    hold_id      text primary key,
    show_id      text        not null,
    user_id      text        not null,
    seat_ids     text[]      not null,
    amount_cents bigint      not null,
    expires_at   timestamptz not null,
    -- ACTIVE, PAYING (never expires), ORDERED, RELEASED, EXPIRED
    status       text        not null,
    -- true when the hold is a waitlist offer: it lapses to the next in line, not to everyone
    offer        boolean     not null default false,
    -- the caller's Idempotency-Key: a retry with the same key answers the same hold
    idempotency_key text,
    created_at   timestamptz not null default now()
);
create index holds_due on rushgate.holds (expires_at) where status = 'ACTIVE';
create unique index holds_idempotency on rushgate.holds (show_id, user_id, idempotency_key)
    where idempotency_key is not null;

create table rushgate.orders (
    order_id      text primary key,
    hold_id       text        not null unique references rushgate.holds,
    show_id       text        not null references rushgate.shows on delete cascade,
    user_id       text        not null,
    seat_ids      text[]      not null,
    amount_cents  bigint      not null,
    -- PENDING, CONFIRMED, FAILED, CANCELLED
    status        text        not null,
    payment_token text        not null,
    charge_id     text,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create index orders_pending on rushgate.orders (updated_at) where status = 'PENDING';

create table rushgate.seat_claims (
    show_id  text not null,
    seat_id  text not null,
    -- no foreign keys (each fires a trigger per row on the hot path): written with its hold in one statement,
    -- and given its order_id by the transaction that confirms that order
    hold_id  text not null,
    order_id text,
    primary key (show_id, seat_id)
);
create index seat_claims_hold on rushgate.seat_claims (hold_id);

create table rushgate.waitlist (
    show_id   text        not null references rushgate.shows on delete cascade,
    user_id   text        not null,
    position  bigserial   not null,
    -- WAITING, OFFERED, LAPSED, PURCHASED
    status    text        not null default 'WAITING',
    joined_at timestamptz not null default now(),
    primary key (show_id, user_id)
);
create index waitlist_next on rushgate.waitlist (show_id, position) where status = 'WAITING';

create table rushgate.notifications (
    notification_id text primary key,
    user_id         text        not null,
    show_id         text        not null,
    kind            text        not null,
    hold_id         text,
    seat_ids        text[]      not null,
    expires_at      timestamptz,
    created_at      timestamptz not null default now(),
    -- when the webhook (if any) took it; null until then
    delivered_at    timestamptz
);
create index notifications_of_user on rushgate.notifications (user_id, notification_id);
