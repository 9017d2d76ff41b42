-- Notices (issue 20): a buyer is told what became of their order (confirmed, failed, refunded), written in the
-- transaction that decided it. Each notice's id is made from its fact, so handing it to the notices queue twice
-- (a resend after a crash) makes one notice. Rows made before this migration keep their time-ordered ids.
alter table rushgate.notifications add column order_id text, add column amount_cents bigint;
create index notifications_of_order on rushgate.notifications (order_id) where order_id is not null;
