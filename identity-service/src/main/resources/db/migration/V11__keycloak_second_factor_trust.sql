-- The firm owner's opt-in (with a fresh second factor) to let the firm's Keycloak stand in for LexGuard's own
-- second factor at single sign-on, when Keycloak's ID token says it checked one (amr). Off unless set; cleared
-- when the firm connects to another server or realm (the owner trusted that provider, not the next one).
alter table keycloak_connection add column second_factor_trusted_at timestamptz;
alter table keycloak_connection add column second_factor_trusted_by uuid;
