-- People, medications and timed entries. Every row belongs to a person; deleting a person
-- deletes their rows. Instants are UTC seconds since 1970; the person's zone is `tz`.
CREATE TABLE person (
  id {{pk}},
  name TEXT NOT NULL UNIQUE,
  weight_kg DOUBLE PRECISION,
  sex TEXT NOT NULL DEFAULT 'unspecified',
  birth_year INTEGER,
  tz TEXT NOT NULL,
  jurisdiction TEXT NOT NULL DEFAULT '',
  created_utc BIGINT NOT NULL
);

CREATE TABLE person_risk (
  person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  risk TEXT NOT NULL,
  PRIMARY KEY (person_id, risk)
);

CREATE TABLE medication (
  id {{pk}},
  person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  dose_text TEXT NOT NULL DEFAULT '',
  start_date TEXT,
  stop_date TEXT
);
CREATE INDEX medication_person ON medication(person_id);

CREATE TABLE entry (
  id {{pk}},
  person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  uid TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('dose', 'checkin', 'side_effect')),
  at_utc BIGINT NOT NULL,
  UNIQUE (person_id, uid)
);
-- Every journal read is one person, one kind, a time range.
CREATE INDEX entry_person_kind_at ON entry(person_id, kind, at_utc);

CREATE TABLE dose (
  entry_id {{entry_pk}} REFERENCES entry(id) ON DELETE CASCADE,
  amount DOUBLE PRECISION NOT NULL CHECK (amount > 0),
  unit TEXT NOT NULL,
  product TEXT NOT NULL,
  form TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);

CREATE TABLE checkin (
  entry_id {{entry_pk}} REFERENCES entry(id) ON DELETE CASCADE,
  anxiety INTEGER CHECK (anxiety BETWEEN 0 AND 10),
  mood INTEGER CHECK (mood BETWEEN 0 AND 10),
  energy INTEGER CHECK (energy BETWEEN 0 AND 10),
  sleep_h DOUBLE PRECISION CHECK (sleep_h BETWEEN 0 AND 24),
  note TEXT NOT NULL DEFAULT '',
  gad7 TEXT,
  gad7_score INTEGER CHECK (gad7_score BETWEEN 0 AND 21)
);

CREATE TABLE side_effect (
  entry_id {{entry_pk}} REFERENCES entry(id) ON DELETE CASCADE,
  symptom TEXT NOT NULL,
  severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 3)
);
