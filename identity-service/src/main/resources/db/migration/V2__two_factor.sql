-- A user's TOTP second factor. Secrets are sealed with SecretBox (AES-256-GCM; the sealed text names its key id,
-- so rows sealed with an older key still open after a rotation). A re-enrolment waits in pending_secret until it
-- is confirmed, so an active factor stays in force meanwhile.
create table two_factor (
    user_id         uuid primary key references app_user (id),
    firm_id         uuid not null references firm (id),
    active_secret   text,
    pending_secret  text,
    -- the time step of the last accepted code: a code for this step or an earlier one is a replay
    last_step       bigint not null default -9223372036854775808,
    enabled_at      timestamptz,
    pending_since   timestamptz
);
create index two_factor_firm on two_factor (firm_id);

create table recovery_code (
    id          uuid primary key,
    firm_id     uuid not null references firm (id),
    user_id     uuid not null references app_user (id),
    code_hash   text not null,
    created_at  timestamptz not null,
    used_at     timestamptz
);
create index recovery_code_user on recovery_code (user_id);
