-- Issue 11 §2 (R-CERT-12): a certificate carries its current validity period
-- (有效期开始日期 / 有效期结束日期) besides its first issue (初领日期); reviews are
-- scheduled from the period's start. Existing rows start at their first issue.
ALTER TABLE certificates ADD COLUMN validity_start date;
UPDATE certificates SET validity_start = first_issued;
ALTER TABLE certificates ALTER COLUMN validity_start SET NOT NULL;
ALTER TABLE certificates ADD CONSTRAINT certificates_period_check
    CHECK (validity_start >= first_issued AND validity_end > validity_start);

-- Earlier validity periods: a renewal review (延期复审) passed in the window
-- before the end of validity starts a new period from the old end; the number
-- stays and the period it ends is kept here (R-CERT-12).
CREATE TABLE certificate_periods (
    certificate_id uuid NOT NULL REFERENCES certificates (id),
    validity_start date NOT NULL,
    validity_end   date NOT NULL,
    renewed_on     date NOT NULL,
    PRIMARY KEY (certificate_id, validity_start),
    CHECK (validity_end > validity_start)
);

-- R-CERT-14: revocation and cancellation causes from the fixed lists of Art. 30/31.
ALTER TABLE certificates ADD COLUMN revoked_cause text CHECK (revoked_cause IN (
    'expired_without_review', 'no_longer_fit', 'accident_responsibility', 'false_information', 'fraud_or_bribery'));
ALTER TABLE certificates ADD COLUMN cancelled_cause text CHECK (cancelled_cause IN ('death', 'own_request', 'revoked'));
