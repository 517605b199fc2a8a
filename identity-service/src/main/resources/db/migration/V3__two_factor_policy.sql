-- A firm's two-factor rule: required for everyone, after a grace period counted from when it became required
-- (or from the user's creation, whichever is later).
create table two_factor_policy (
    firm_id         uuid primary key references firm (id),
    required        boolean not null,
    grace_days      integer not null check (grace_days between 0 and 365),
    required_since  timestamptz,
    updated_at      timestamptz not null
);

-- A signin_challenge row is either the second step of a sign-in or an enrolment-only token (the firm requires
-- two-factor and the user has none yet).
alter table signin_challenge add column purpose text not null default 'second_factor'
    check (purpose in ('second_factor', 'enrolment'));
