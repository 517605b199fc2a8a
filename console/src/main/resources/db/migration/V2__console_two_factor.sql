-- What a page needs to remember between two requests of the same signed-in person:
-- administrator: whether identity named the person an administrator at sign-in (only the navigation uses it to decide
--   which links to show; every page's API still decides for itself);
-- enrolment_uri: the otpauth URI of an enrolment started and not yet confirmed, so a wrong code can be retried against
--   the same QR code (cleared on confirmation);
-- recovery_codes: the recovery codes of a confirmed enrolment or a regeneration, between the form's POST and the page
--   that shows them; that page reads and clears them in one transaction, so they are shown exactly once.
alter table console_session add column administrator boolean not null default false;
alter table console_session add column enrolment_uri text;
alter table console_session add column recovery_codes text;
