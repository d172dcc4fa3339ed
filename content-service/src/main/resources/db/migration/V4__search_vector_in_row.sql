-- A search ranks every live item its words match, and a common word matches thousands: each match
-- is filtered on its search_vector, channels and audience and ranked on its vector. Rows wider
-- than 2 kB used to be shrunk by moving their widest columns out of line to TOAST, and the vector
-- (wide, and it does not compress) went first, so every match cost TOAST index probes and chunk
-- reads, twice. Now a row stays whole up to a page (toast_tuple_target), and in a longer one the
-- body and plain text go out of line before the vector does (STORAGE MAIN): a search reads those
-- only for the 20 snippets it shows. ADR 28; SearchIntegrationTest guards the blocks a search reads.
ALTER TABLE content_revision
    ALTER COLUMN search_vector SET STORAGE MAIN,
    SET (toast_tuple_target = 8160);

-- Rows stored before: an update recomputes the generated vector and stores the row anew.
UPDATE content_revision SET title = title;
