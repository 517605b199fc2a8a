-- Projection of each firm's owner (identity's firm.created, permissions-service's ownership.transferred): an
-- administrator's "not me" on the owner's session needs the owner. The two events come from two topics with no
-- common order, so the later one (by event time) wins.
create table firm_owner (
    firm_id   uuid primary key,
    owner_id  uuid not null,
    since     timestamptz not null
);
