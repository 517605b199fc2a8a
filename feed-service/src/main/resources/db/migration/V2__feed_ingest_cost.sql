-- Cheaper ingestion of large batches (see docs/benchmarks.md):
-- one NOTIFY per firm and statement instead of one call per row,
drop trigger feed_entry_notify on feed_entry;
drop function feed_entry_notify();

create function feed_entries_notify() returns trigger
    language plpgsql as
$$
begin
    perform pg_notify('feed_entry', f::text) from (select distinct firm_id as f from inserted) firms;
    return null;
end
$$;

create trigger feed_entries_notify
    after insert on feed_entry
    referencing new table as inserted
    for each statement
execute function feed_entries_notify();

-- and no second unique index on random event ids: lexguard_consumed_event already makes an event id's entry
-- unique (its primary key is checked in the same transaction), and no read looks entries up by event id.
drop index feed_entry_event;
