-- Feed reviews (issue 19): a regular check of the firm feed, recorded as evidence.

-- Each firm's interval and reviewers; a firm without a row reviews weekly, by its administrators. An empty list of
-- reviewers also means its administrators.
create table feed_review_setting (
    firm_id        uuid        not null primary key,
    interval_days  integer     not null check (interval_days between 1 and 90),
    reviewers      uuid[]      not null default '{}',
    updated_at     timestamptz not null,
    updated_by     uuid        not null
);

-- One completed review: the chain positions it covered, (from_seq, head_seq], with the head's hash; the feed entry
-- that records it (entry_seq, the next review's period starts after it); the digest the reviewer saw and the entries
-- they flagged, as JSON, so the evidence stays what it was after retention purges the entries.
create table feed_review (
    id            uuid        not null primary key,
    firm_id       uuid        not null,
    period_start  timestamptz not null,
    from_seq      bigint      not null,
    head_seq      bigint      not null,
    head_hash     bytea       not null,
    entry_seq     bigint      not null,
    entry_id      uuid        not null,
    note          text,
    digest        text        not null,
    flagged       text        not null,
    reviewed_by   uuid        not null,
    completed_at  timestamptz not null
);
create index feed_review_firm on feed_review (firm_id, completed_at desc, id desc);

-- What the periodic check has announced: once per firm, period and kind, whichever replica got there first.
create table feed_review_notice (
    firm_id       uuid        not null,
    period_start  timestamptz not null,
    kind          text        not null check (kind in ('due', 'overdue')),
    sent_at       timestamptz not null default now(),
    primary key (firm_id, period_start, kind)
);
