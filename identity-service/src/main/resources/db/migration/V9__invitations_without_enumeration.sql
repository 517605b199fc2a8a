-- An invitation no longer tells a firm that an address has an account in another firm (issue 17): several firms may
-- hold an invited, not yet accepted, user of one address. An address still signs in as one account only: among users
-- who accepted (active or deactivated) the email stays unique, and accepting an invitation of an address that has such
-- an account elsewhere is refused to the invitee, who owns the address.
drop index app_user_email_key;
create unique index app_user_email_key on app_user (email) where status <> 'invited';
create unique index app_user_firm_email_key on app_user (firm_id, email);
