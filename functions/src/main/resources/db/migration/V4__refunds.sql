-- Refunds: cancelling a confirmed order owes its buyer the charge back, paid by the payment consumer.
-- refund: null (nothing owed), PENDING (owed, the provider not yet asked or not yet answered), REFUNDED
-- (refund_id is the provider's). Orders cancelled before this migration owed nothing and stay so.
alter table rushgate.orders add column refund text, add column refund_id text;
create index orders_refund_pending on rushgate.orders (updated_at) where refund = 'PENDING';
