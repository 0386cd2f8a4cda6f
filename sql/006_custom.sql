-- Custom fields: the admin adds fields to any card file at run time.  A
-- field may be required; values live in custom_values as text in the
-- field's canonical form (number as digits, money in minor units, date
-- 'YYYY-MM-DD', choice as its code), and this index serves filters on
-- one field.
ALTER TABLE custom_fields ADD COLUMN required INTEGER NOT NULL DEFAULT 0
	CHECK (required IN (0, 1));
CREATE INDEX custom_values_value ON custom_values(field_id, value);
