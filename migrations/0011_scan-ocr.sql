-- Up Migration
-- What reading a stamped scan found (src/scan/), kept with the file it came from:
-- scan_text: the text read from it, by OCR for image pages (Simplified Chinese, pages separated by
--   form feeds) or its text layer when it has one, so operators can search the scans
--   (`scan_text ILIKE '%91420100%'`); NULL for other files and where no text could be read.
-- scan_check: {pages, text_source, uscc, seal, error?}, the file's part of the email's `scan`.
-- Analysts read both through their existing table-level grant on attachments (0005).
ALTER TABLE attachments ADD COLUMN scan_text text, ADD COLUMN scan_check jsonb;

-- Down Migration
ALTER TABLE attachments DROP COLUMN scan_check, DROP COLUMN scan_text;
