-- Contact data belongs to an employment (issue 9 §1): each employer records
-- and sees its own phone number for a person; another employer of the same
-- person never sees it. Identity (name, gender, birth date, document) stays on
-- the person and is changed only under the rules of PersonService.
ALTER TABLE employments ADD COLUMN phone text CHECK (phone IS NULL OR length(phone) BETWEEN 1 AND 20);
UPDATE employments e SET phone = p.phone FROM people p WHERE p.id = e.person_id AND p.phone IS NOT NULL;
ALTER TABLE people DROP COLUMN phone;
