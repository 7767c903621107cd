-- Issue 11 §4 (R-INST-2): a new institution starts pending inspection; only a
-- passed AQ 8011 inspection makes it conforming; cleared-out is terminal (the
-- service refuses changes after it). Conformity is judged on each event's date
-- from institution_status_history; the status column keeps the latest decision
-- for list filters.
ALTER TABLE institutions DROP CONSTRAINT institutions_status_check;
ALTER TABLE institutions ADD CONSTRAINT institutions_status_check
    CHECK (status IN ('pending_inspection', 'conforming', 'rectifying', 'cleared_out'));
ALTER TABLE institutions ALTER COLUMN status SET DEFAULT 'pending_inspection';
ALTER TABLE institution_status_history DROP CONSTRAINT institution_status_history_status_check;
ALTER TABLE institution_status_history ADD CONSTRAINT institution_status_history_status_check
    CHECK (status IN ('pending_inspection', 'conforming', 'rectifying', 'cleared_out'));

-- A completion issued by a session whose institution could not act on the
-- session's start or end date does not count (R-INST-2); it is kept, with the
-- reason, and listed for the regulator. Set and cleared by the service from
-- the domain's judgement whenever a session completes or the history changes.
ALTER TABLE training_enrollments ADD COLUMN uncounted_reason text;
