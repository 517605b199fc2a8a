-- A user's default group filter for the matter and activity description lists (issue 19): the caller's own
-- groups (mine) and/or chosen groups of the firm. Deleting a group takes it out of every saved filter in the same
-- transaction (or puts the group it is reassigned to in its place); a filter left empty is removed.
create table saved_group_filter (
    user_id     uuid primary key references app_user (id),
    firm_id     uuid not null,
    mine        boolean not null,
    group_ids   uuid[] not null,
    updated_at  timestamptz not null default now()
);
create index saved_group_filter_groups on saved_group_filter using gin (group_ids);
