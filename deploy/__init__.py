"""A deployment on one machine: nginx in front of N app servers on one PostgreSQL
(``deploy/run``; README "Deploy")."""
