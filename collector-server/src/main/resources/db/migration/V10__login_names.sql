-- User names are unique after NFKC normalisation and case folding: username_key holds that form
-- (UserNames.key). Names accepted so far were ASCII (A-Z a-z 0-9 . _ @ -), whose NFKC form is
-- themselves, so LOWER() gives their key. Where two existing names differ only in case (Admin beside
-- admin), the earlier keeps the plain key and a later one gets "#<id>" appended (# is never part of a
-- name): it still logs in by its exact name, and no new look-alike can be created.
ALTER TABLE users ADD COLUMN username_key VARCHAR(128);
UPDATE users SET username_key = LOWER(username);
UPDATE users SET username_key = LOWER(username) || '#' || id
 WHERE EXISTS (SELECT 1 FROM users o WHERE LOWER(o.username) = LOWER(users.username)
                 AND (o.created_at < users.created_at OR (o.created_at = users.created_at AND o.id < users.id)));
CREATE UNIQUE INDEX users_name_key_unique ON users(username_key);

-- Login failures are counted per (user name key, client address) and per address (LoginThrottle).
CREATE INDEX login_failures_remote_at ON login_failures(remote, at);
