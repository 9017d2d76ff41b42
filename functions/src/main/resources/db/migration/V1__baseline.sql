-- Baseline: the schema every Rushgate table lives in. Features add their tables in later migrations (V2__…).
create schema if not exists rushgate;
