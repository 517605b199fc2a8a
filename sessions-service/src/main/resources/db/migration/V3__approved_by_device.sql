-- A sign-in approved on a registered phone (identity's session.started approvedBy, issue 18): which device approved it.
-- The session does not run on that device (mobile_device_id stays null for a web session).
alter table session_record add column approved_by_device_id uuid;
alter table session_record add column approved_by_device_name text;
