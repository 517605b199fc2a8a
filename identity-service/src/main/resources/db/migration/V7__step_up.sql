-- Step-up (issue 17): a session remembers when its user last proved a second factor and with which methods,
-- so that a refresh within the step-up window keeps auth_time and amr.
alter table session add column stepped_up_at timestamptz;
alter table session add column step_up_amr text;
