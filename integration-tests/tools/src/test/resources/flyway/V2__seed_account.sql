INSERT INTO account (id, owner, written_by) VALUES (1, 'ada', @@server_id), (2, 'grace', @@server_id);
