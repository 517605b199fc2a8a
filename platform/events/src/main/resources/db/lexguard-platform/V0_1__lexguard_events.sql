-- Transactional outbox: a service inserts its event here in the same transaction as the state change;
-- the relay publishes pending rows (sent_at is null) in id order and marks them sent.
create table lexguard_outbox (
    id          bigint generated always as identity primary key,
    event_id    uuid        not null unique,
    topic       text        not null,
    firm_id     uuid        not null,
    event_type  text        not null,
    subject     text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now(),
    sent_at     timestamptz
);

create index lexguard_outbox_pending on lexguard_outbox (id) where sent_at is null;
create index lexguard_outbox_sent on lexguard_outbox (sent_at) where sent_at is not null;

-- Wakes the relay (LISTEN lexguard_outbox) as soon as a transaction that appended events commits.
create function lexguard_outbox_notify() returns trigger
    language plpgsql as
$$
begin
    perform pg_notify('lexguard_outbox', '');
    return null;
end
$$;

create trigger lexguard_outbox_notify
    after insert on lexguard_outbox
    for each statement
execute function lexguard_outbox_notify();

-- Idempotent consumption: a consumer's effect and this row commit together, so a redelivered event is skipped.
create table lexguard_consumed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    consumed_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);
