-- Special-operations certificates (特种作业操作证): R-CERT-*. Status is never
-- stored; the domain computes it for any date from these facts and the rule
-- set in force (certificate_rule_sets, data with an effective date).

CREATE TABLE certificate_rule_sets (
    id             text PRIMARY KEY,
    effective_from date NOT NULL UNIQUE,
    name           text NOT NULL,
    -- The numbers of the rules (CertificateRuleSet in the domain module).
    params         jsonb NOT NULL
);

INSERT INTO certificate_rule_sets (id, effective_from, name, params) VALUES
    ('MEM-30', '2010-07-01', '特种作业人员安全技术培训考核管理规定（原国家安全监管总局令第30号，2013、2015年修正）',
     '{"validityYears": 6, "reviewIntervalYears": 3, "extendedReviewIntervalYears": 6, "extensionMinYearsInTrade": 10,
       "reviewWindowDays": 60, "minReviewTrainingHours": 8, "blockingViolations": 2, "offPostMonthsForPracticalExam": 6,
       "managementValidityYears": 3, "managementRenewalWindowDays": 60}');

CREATE TABLE certificates (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id              uuid NOT NULL REFERENCES people (id),
    catalogue_version      text NOT NULL,
    item_code              text NOT NULL,
    number                 text NOT NULL UNIQUE,
    issuing_authority      text NOT NULL,
    first_issued           date NOT NULL,
    validity_end           date NOT NULL,
    extension_consent_date date,
    in_trade_since         date,
    violations             integer NOT NULL DEFAULT 0 CHECK (violations >= 0),
    revoked_on             date,
    revoked_reason         text,
    cancelled_on           date,
    cancelled_reason       text,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (catalogue_version, item_code) REFERENCES special_op_items (catalogue_version, code),
    CHECK (validity_end > first_issued),
    CHECK ((revoked_on IS NULL) = (revoked_reason IS NULL)),
    CHECK ((cancelled_on IS NULL) = (cancelled_reason IS NULL))
);
CREATE INDEX certificates_person_item ON certificates (person_id, item_code);

CREATE TABLE certificate_reviews (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    certificate_id uuid NOT NULL REFERENCES certificates (id) ON DELETE CASCADE,
    review_date    date NOT NULL,
    training_hours integer NOT NULL CHECK (training_hours >= 0),
    passed         boolean NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX certificate_reviews_cert ON certificate_reviews (certificate_id, review_date);
