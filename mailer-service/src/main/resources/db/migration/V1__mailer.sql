-- The firms and people mail goes to, from identity-service's events (firm.created, user.created, user.invited,
-- portal.invited). Events that ask for a mail carry ids; the address comes from here.
create table mail_firm (
    id    uuid primary key,
    name  text not null
);

create table recipient (
    firm_id       uuid not null,
    id            uuid not null,
    kind          text not null check (kind in ('user', 'contact')),
    email         text not null,
    display_name  text,
    primary key (firm_id, id)
);

-- One row per mail (event, kind, recipient) the mailer was asked for: sent, skipped (nothing to send: the link was no longer wanted, or
-- nobody to send it to) or failed (the SMTP server refused it after every attempt). Never a link or a token.
create table mail_delivery (
    id            uuid        primary key,
    event_id      uuid        not null,
    kind          text        not null,
    firm_id       uuid        not null,
    recipient_id  uuid        not null,
    address       text,
    status        text        not null check (status in ('sent', 'skipped', 'failed')),
    detail        text,
    attempts      integer     not null,
    created_at    timestamptz not null default now(),
    unique (event_id, kind, recipient_id)
);
create index mail_delivery_firm on mail_delivery (firm_id, created_at desc);
