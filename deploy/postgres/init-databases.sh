#!/bin/sh
# Run once by the postgres image at first start (docker-entrypoint-initdb.d): one database and one login role per
# service and for Keycloak, each password from the environment, no other role allowed to connect.
set -eu
for db in keycloak inventory findings identity response; do
  var="PILLAR_$(echo "$db" | tr 'a-z' 'A-Z')_DB_PASSWORD"
  password=$(printenv "$var") || { echo "$var is not set" >&2; exit 1; }
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v db="$db" -v password="$password" <<'SQL'
CREATE ROLE :"db" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"db";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
done
