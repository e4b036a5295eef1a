CREATE TABLE crm.tb_company (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tenant_id uuid NOT NULL, name text NOT NULL);
CREATE TABLE crm.tb_contact (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tenant_id uuid NOT NULL,
    email text NOT NULL, company_id bigint REFERENCES crm.tb_company (id), status text NOT NULL DEFAULT 'lead');
CREATE VIEW crm.v_contact AS SELECT id, email, status FROM crm.tb_contact;
