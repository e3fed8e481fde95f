-- One canonical form of each owner's e-mail address (Unicode NFKC, white space at either end removed, lower
-- case; computed by the application, dev.proximity.account.EmailKey): sign-in looks owners up by it, it is
-- unique, and the per-e-mail sign-in limit is keyed by it. lower(email) was a second, weaker rule: an address
-- in full-width letters or with a trailing U+3000 was another account and another rate-limit bucket.
-- email keeps the address as typed, for display. Rows that exist now get their key from the next migration,
-- which is Java (OwnerEmailKeys) so that the key is exactly the application's.
ALTER TABLE owner ADD COLUMN email_key TEXT;
DROP INDEX owner_email_key;
CREATE UNIQUE INDEX owner_email_key ON owner (email_key);
