-- Issue 11 §2. R-CERT-13: a review that is not passed records why (MEM-30
-- Art. 25); the cases that allow a retest (Art. 26) are decided by the domain.
ALTER TABLE certificate_reviews ADD COLUMN refusal_ground text CHECK (refusal_ground IN (
    'health_check_failed', 'serious_violations', 'safety_penalty', 'obstructed_inspection',
    'training_or_exam_failed', 'revocation_grounds'));
UPDATE certificate_reviews SET refusal_ground = 'training_or_exam_failed' WHERE NOT passed;
ALTER TABLE certificate_reviews ADD CONSTRAINT certificate_reviews_ground_check CHECK (passed = (refusal_ground IS NULL));

-- R-CERT-8 (Art. 32): practical re-examinations after six months off post.
CREATE TABLE certificate_practical_exams (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    certificate_id uuid NOT NULL REFERENCES certificates (id),
    exam_date      date NOT NULL,
    passed         boolean NOT NULL,
    examiner       text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX certificate_practical_exams_cert ON certificate_practical_exams (certificate_id, exam_date);

-- R-CERT-2: the date the certificate was registered in the national networked system.
ALTER TABLE certificates ADD COLUMN national_registration date;

-- R-CERT-14: a revoked certificate is cancelled.
UPDATE certificates SET cancelled_on = revoked_on, cancelled_reason = revoked_reason, cancelled_cause = 'revoked'
WHERE revoked_on IS NOT NULL AND cancelled_on IS NULL;

-- The catalogue version belongs to the rule set (no constant in code), and the
-- retest grace of Art. 26 is rule data (MEM-30: none).
UPDATE certificate_rule_sets SET params = params || '{"retestGraceDays": 0, "catalogueVersion": "MEM-30", "managementPassScore": 80}'
WHERE id = 'MEM-30';
ALTER TABLE certificate_rule_sets ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
