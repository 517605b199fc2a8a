-- "Not me" (issue 17): the second factor is kept, and the user must enrol a new one after proving the old one.
alter table app_user add column two_factor_reenrolment_required boolean not null default false;
