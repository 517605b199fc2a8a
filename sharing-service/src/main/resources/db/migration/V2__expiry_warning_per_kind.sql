-- The expiry warning period per contact kind; null means the firm-wide expiry_warning_days applies.
alter table sharing_policy
    add column warning_days_client     integer check (warning_days_client > 0),
    add column warning_days_co_counsel integer check (warning_days_co_counsel > 0),
    add column warning_days_expert     integer check (warning_days_expert > 0),
    add column warning_days_other      integer check (warning_days_other > 0);
