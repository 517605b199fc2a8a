-- Every replica answers current access checks from an in-memory snapshot per firm. Any change to a fact a
-- check reads (users, administrator permissions, groups, memberships, matters, access lists) notifies the
-- channel lexguard_access with the firm id at commit, and every replica drops that firm's snapshot.
-- PostgreSQL folds identical notifications of one transaction into one.
create function notify_access_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('lexguard_access', coalesce(new.firm_id, old.firm_id)::text);
    return null;
end
$$;

create trigger app_user_access_changed after insert or update or delete on app_user
    for each row execute function notify_access_changed();
create trigger effective_permission_access_changed after insert or update or delete on effective_permission
    for each row execute function notify_access_changed();
create trigger access_group_access_changed after insert or update or delete on access_group
    for each row execute function notify_access_changed();
create trigger group_member_access_changed after insert or update or delete on group_member
    for each row execute function notify_access_changed();
create trigger matter_access_changed after insert or update or delete on matter
    for each row execute function notify_access_changed();
create trigger matter_access_mode_changed after insert or update or delete on matter_access
    for each row execute function notify_access_changed();
create trigger matter_access_entry_access_changed after insert or update or delete on matter_access_entry
    for each row execute function notify_access_changed();
