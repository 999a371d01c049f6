-- Accounts for the multi-user server (speciosa serve --multi-user): a login name and an
-- argon2id hash (libsodium's self-describing string). A person belongs to at most one account;
-- people without one make up the single-person journal. Deleting an account deletes its people.
CREATE TABLE account (
  id {{pk}},
  name TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_utc BIGINT NOT NULL
);

ALTER TABLE person ADD COLUMN account_id BIGINT REFERENCES account(id) ON DELETE CASCADE;
CREATE INDEX person_account ON person(account_id);
