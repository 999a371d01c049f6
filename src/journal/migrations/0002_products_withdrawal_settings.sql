-- The person's own products (with lab-tested content), the withdrawal checklist on check-ins,
-- and per-database settings such as the current person.
CREATE TABLE person_product (
  id {{pk}},
  person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  kb_product_id TEXT NOT NULL,
  mg_percent DOUBLE PRECISION CHECK (mg_percent > 0 AND mg_percent <= 100),
  oh_percent DOUBLE PRECISION CHECK (oh_percent > 0 AND oh_percent <= 100),
  UNIQUE (person_id, name)
);

CREATE TABLE withdrawal_item (
  entry_id BIGINT NOT NULL REFERENCES checkin(entry_id) ON DELETE CASCADE,
  symptom TEXT NOT NULL,
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 4),
  PRIMARY KEY (entry_id, symptom)
);

CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
