-- Groups as filters (issue 19).

-- The firm's groups, so that a group filter tells a group the firm has (even an empty one) from an unknown, deleted or
-- another firm's group. Fed by group.created and group.deleted, and by every event that names a group (members,
-- access lists, activity descriptions, saved filters), so that groups created before this table keep working.
create table feed_group (
    firm_id  uuid not null,
    id       uuid not null,
    primary key (firm_id, id)
);
insert into feed_group (firm_id, id)
select firm_id, group_id from feed_group_member
union select firm_id, principal_id from feed_matter_access where kind = 'group'
union select firm_id, group_id from feed_activity_description_group;

-- Each user's saved default group filter (permissions-service's groupfilter.changed): mine and/or group ids; applied to
-- the user's feed requests that name no group. No row: no default.
create table feed_group_filter (
    firm_id    uuid    not null,
    user_id    uuid    not null,
    mine       boolean not null,
    group_ids  uuid[]  not null,
    primary key (firm_id, user_id)
);
