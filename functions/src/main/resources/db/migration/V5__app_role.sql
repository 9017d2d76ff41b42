-- The role the functions log in as (issue 18). The master user owns the schema and only migrates it; the functions
-- read and write rows and change nothing else. In the cloud they log in with IAM authentication tokens (rds_iam);
-- the local stack gives the role a password instead.
do $$
begin
    if not exists (select from pg_roles where rolname = 'rushgate_app') then
        create role rushgate_app login;
    end if;
    if exists (select from pg_roles where rolname = 'rds_iam') then
        grant rds_iam to rushgate_app;
    end if;
end
$$;

grant usage on schema rushgate to rushgate_app;
grant select, insert, update, delete on all tables in schema rushgate to rushgate_app;
grant usage, select on all sequences in schema rushgate to rushgate_app;
-- tables and sequences later migrations make (run by the same master user) get the same rights
alter default privileges in schema rushgate grant select, insert, update, delete on tables to rushgate_app;
alter default privileges in schema rushgate grant usage, select on sequences to rushgate_app;
