-- The app's own report of the phone's screen lock (issue 19): none, passcode or biometric, and when it last said so.
-- Null until a device reports. A firm may require a lock: a device that reports none (or nothing) gets no tokens.
alter table device add column device_lock text check (device_lock in ('none', 'passcode', 'biometric'));
alter table device add column device_lock_reported_at timestamptz;
alter table device_policy add column device_lock_required boolean not null default false;
