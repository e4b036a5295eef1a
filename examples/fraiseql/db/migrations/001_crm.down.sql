DROP VIEW IF EXISTS crm.v_contact;
DROP VIEW IF EXISTS crm.v_company;
DROP TABLE IF EXISTS crm.tb_contact;
DROP TABLE IF EXISTS crm.tb_company;
DROP SCHEMA IF EXISTS crm;
