-- 安全生产知识和管理能力考核合格证 of principals and safety managers (R-CERT-11).
-- As for special-operations certificates, status is never stored: the domain
-- computes it for any date from issue, re-examinations and revocation.

-- The pass mark is part of the rule set's data (100-point theory exam, pass at 80).
UPDATE certificate_rule_sets SET params = params || '{"managementPassScore": 80}'::jsonb
WHERE NOT params ? 'managementPassScore';

CREATE TABLE management_certificates (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id         uuid NOT NULL REFERENCES people (id),
    -- Whose duty it certifies: the principal (主要负责人) or a safety manager.
    holder_role       text NOT NULL CHECK (holder_role IN ('principal', 'safety_manager')),
    -- The industry the exam covered (危险化学品, 金属非金属矿山, …).
    sector_code       text NOT NULL REFERENCES sectors (code),
    number            text NOT NULL UNIQUE CHECK (number <> ''),
    issuing_authority text NOT NULL,
    issued_on         date NOT NULL,
    exam_score        integer NOT NULL CHECK (exam_score BETWEEN 0 AND 100),
    revoked_on        date,
    revoked_reason    text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK ((revoked_on IS NULL) = (revoked_reason IS NULL))
);
CREATE INDEX management_certificates_person ON management_certificates (person_id);

-- Passed re-examinations only: a failed one changes nothing and is refused.
CREATE TABLE management_reexaminations (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    certificate_id uuid NOT NULL REFERENCES management_certificates (id),
    exam_date      date NOT NULL,
    score          integer NOT NULL CHECK (score BETWEEN 0 AND 100),
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (certificate_id, exam_date)
);
