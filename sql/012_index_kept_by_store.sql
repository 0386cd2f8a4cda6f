-- salesorg schema, version 12: the search index is kept by the store, not
-- by triggers in the file.
--
-- Every database is now opened with trusted_schema=OFF: the file is data,
-- and nothing stored in it (a view, a trigger) may use a virtual table or
-- a function with side effects when salesorg reads or writes.  Under it
-- no trigger, stored or TEMP, may write an FTS5 table, which SQLite 3.40
-- (Debian 12) does not mark innocuous.  So the triggers of 003 and 005
-- go, and the store does what they did (src/store/index.c, index_row,
-- called by rec_create, rec_update and the trash): a
-- record's entry is taken out of its index, as the view <table>_searchable
-- still shows it, before an edit of an indexed field or its trashing, and
-- put back from the view after the edit, its creation or its restoring.
-- The view stays the one definition of what is indexed.
--
-- The cost: an edit made outside salesorg (the sqlite3 shell) no longer
-- reaches the index.  'salesorg check' finds the difference and says how
-- to rebuild the index.

DROP TRIGGER IF EXISTS companies_fts_insert;
DROP TRIGGER IF EXISTS companies_fts_unindex;
DROP TRIGGER IF EXISTS companies_fts_reindex;
DROP TRIGGER IF EXISTS companies_fts_delete;
DROP TRIGGER IF EXISTS contacts_fts_insert;
DROP TRIGGER IF EXISTS contacts_fts_unindex;
DROP TRIGGER IF EXISTS contacts_fts_reindex;
DROP TRIGGER IF EXISTS contacts_fts_delete;
DROP TRIGGER IF EXISTS tasks_fts_insert;
DROP TRIGGER IF EXISTS tasks_fts_unindex;
DROP TRIGGER IF EXISTS tasks_fts_reindex;
DROP TRIGGER IF EXISTS tasks_fts_delete;
DROP TRIGGER IF EXISTS notes_fts_insert;
DROP TRIGGER IF EXISTS notes_fts_unindex;
DROP TRIGGER IF EXISTS notes_fts_reindex;
DROP TRIGGER IF EXISTS notes_fts_delete;
DROP TRIGGER IF EXISTS links_fts_insert;
DROP TRIGGER IF EXISTS links_fts_unindex;
DROP TRIGGER IF EXISTS links_fts_reindex;
DROP TRIGGER IF EXISTS links_fts_delete;
DROP TRIGGER IF EXISTS events_fts_insert;
DROP TRIGGER IF EXISTS events_fts_unindex;
DROP TRIGGER IF EXISTS events_fts_reindex;
DROP TRIGGER IF EXISTS events_fts_delete;
DROP TRIGGER IF EXISTS deals_fts_insert;
DROP TRIGGER IF EXISTS deals_fts_unindex;
DROP TRIGGER IF EXISTS deals_fts_reindex;
DROP TRIGGER IF EXISTS deals_fts_delete;
DROP TRIGGER IF EXISTS programs_fts_insert;
DROP TRIGGER IF EXISTS programs_fts_unindex;
DROP TRIGGER IF EXISTS programs_fts_reindex;
DROP TRIGGER IF EXISTS programs_fts_delete;
