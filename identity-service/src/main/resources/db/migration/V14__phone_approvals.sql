-- One-tap sign-in approval on a registered mobile device (issue 18).

-- The app's P-256 public key (X.509 SubjectPublicKeyInfo, DER) for its device; one per device, replaced in place.
create table approval_key (
    device_id      uuid primary key references device (id),
    firm_id        uuid not null references firm (id),
    user_id        uuid not null references app_user (id),
    public_key     bytea not null,
    registered_at  timestamptz not null
);
create index approval_key_owner on approval_key (firm_id, user_id);

-- The challenge the app signs to prove it holds the private key it registers: single use, 5 minutes.
create table approval_key_challenge (
    device_id   uuid primary key references device (id),
    challenge   bytea not null,
    expires_at  timestamptz not null
);

-- An approval request for a sign-in that passed the password: the number is shown to the web page only, the
-- challenge to the device only. status: pending, approved, denied, refused, completed.
create table approval_request (
    id                   uuid primary key,
    firm_id              uuid not null references firm (id),
    user_id              uuid not null references app_user (id),
    device_id            uuid not null references device (id),
    sign_in_challenge_id uuid not null references signin_challenge (id),
    challenge            bytea not null,
    number               smallint not null check (number between 10 and 99),
    client_ip            text not null,
    user_agent           text,
    status               text not null check (status in ('pending', 'approved', 'denied', 'refused', 'completed')),
    not_me               boolean not null default false,
    created_at           timestamptz not null,
    expires_at           timestamptz not null,
    answered_at          timestamptz
);
create index approval_request_open on approval_request (user_id, status, expires_at);
create index approval_request_device on approval_request (device_id, status, expires_at);

-- Push fatigue: three denials within an hour suspend approval until a sign-in with another factor lifts it.
create table approval_suspension (
    user_id       uuid primary key references app_user (id),
    firm_id       uuid not null references firm (id),
    suspended_at  timestamptz,
    lifted_at     timestamptz
);

-- The device whose approval key approved the sign-in of a web session (not the device it runs on).
alter table session add column approved_by_device_id uuid references device (id);
