-- Replicas (issue 21): every identity process runs the scheduled reconciliation; the one that moves a firm's claim
-- forward reconciles it for the period, the others pass it by (one reconciliation, one keycloak.reconciled event).
alter table keycloak_connection add column reconcile_claimed_at timestamptz;
