-- The client portal (issue 23): contacts sign in to the console too, through identity's portal sign-in, with tokens of
-- the portal audience. kind says whose session a row is: 'user' (a firm user: the console's own pages) or 'contact'
-- (a client or co-counsel: the portal's pages only). Every row before this one was a firm user's.
-- portal_firm_id: the firm whose portal a contact's session belongs to (the portal's address names it).
alter table console_session add column kind text not null default 'user' check (kind in ('user', 'contact'));
alter table console_session add column portal_firm_id uuid;
alter table console_session add constraint console_session_contact_firm check (kind = 'user' or portal_firm_id is not null);
