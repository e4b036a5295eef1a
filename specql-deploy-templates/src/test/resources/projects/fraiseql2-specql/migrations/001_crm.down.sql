DROP VIEW crm.v_contact;
DROP TABLE crm.tb_contact;
DROP TABLE crm.tb_company;
