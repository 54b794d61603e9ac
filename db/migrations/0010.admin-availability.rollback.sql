ALTER TABLE users DROP COLUMN availability;
