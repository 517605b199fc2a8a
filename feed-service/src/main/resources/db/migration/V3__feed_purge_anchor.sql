-- The anchor records its purge (issue 17): how many entries were dropped, which positions and times, when and by
-- whom (an administrator, or the system for the periodic job), and the feed entry (in the chain) that reports it.
alter table feed_chain
    add column anchor_purged      bigint,
    add column anchor_from_seq    bigint,
    add column anchor_oldest_at   timestamptz,
    add column anchor_newest_at   timestamptz,
    add column anchor_by_type     text,
    add column anchor_by_id       text,
    add column anchor_entry_id    uuid;
