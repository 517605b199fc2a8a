-- Client-portal password resets, and "not me" of a contact (issue 17): the account must reset its password and, if it
-- had a second factor, enrol a new one after proving the old (kept until then), as for firm users (V8).
alter table portal_account add column password_reset_required boolean not null default false;
alter table portal_account add column two_factor_reenrolment_required boolean not null default false;

-- A single-use reset link; only the hash of its token, minted when the mailer asks for the link, once.
create table portal_password_reset (
    id              uuid primary key,
    firm_id         uuid not null references firm (id),
    account_id      uuid not null references portal_account (id),
    token_hash      bytea unique,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    link_issued_at  timestamptz,
    used_at         timestamptz
);
create index portal_password_reset_account on portal_password_reset (account_id);

-- A contact's enrolment-only token after "not me" (the old factor proved, a new one before any token).
alter table signin_challenge drop constraint signin_challenge_purpose_check;
alter table signin_challenge add constraint signin_challenge_purpose_check
    check (purpose in ('second_factor', 'enrolment', 'portal_second_factor', 'portal_enrolment'));
