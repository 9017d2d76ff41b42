-- Aurora Serverless v2 pauses only when no session is open. A warm Lambda environment keeps its pooled connection
-- open while frozen, where no pool can close it; so the server ends the functions' sessions after a minute idle
-- (PostgreSQL 14 and later; Aurora runs 16). The pool checks a connection before lending it and opens a new one.
-- The master user (migrations) is not limited.
alter role rushgate_app set idle_session_timeout = '60s';
