-- The CRM's tables and the views FraiseQL serves: one JSONB `data` column per row, as FraiseQL 2 reads views.
CREATE SCHEMA IF NOT EXISTS crm;

CREATE TABLE crm.tb_company (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE crm.tb_contact (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL UNIQUE,
    company_id bigint REFERENCES crm.tb_company (id),
    status text NOT NULL DEFAULT 'lead' CHECK (status IN ('lead', 'qualified', 'customer'))
);

CREATE VIEW crm.v_company AS
    SELECT id, jsonb_build_object('id', id, 'name', name) AS data FROM crm.tb_company;

CREATE VIEW crm.v_contact AS
    SELECT id, jsonb_build_object('id', id, 'email', email, 'status', status) AS data FROM crm.tb_contact;
