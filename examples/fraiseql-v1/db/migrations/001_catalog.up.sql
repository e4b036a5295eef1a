-- The catalogue's table, and the view FraiseQL 1 serves: one JSONB `data` column per row.
CREATE TABLE tb_product (
    pk_product bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    name text NOT NULL UNIQUE,
    stock integer NOT NULL DEFAULT 0 CHECK (stock >= 0)
);

CREATE VIEW v_product AS
    SELECT id, name, jsonb_build_object('id', id, 'name', name, 'stock', stock) AS data FROM tb_product;
