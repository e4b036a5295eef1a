"""The catalogue's GraphQL API: FraiseQL 1 serves the view v_product, whose `data` column holds each row as JSONB."""

from uuid import UUID

import fraiseql
from fraiseql import FraiseQLConfig, create_fraiseql_app


@fraiseql.type(sql_source="v_product", jsonb_column="data")
class Product:
    id: UUID
    name: str
    stock: int


@fraiseql.query
async def products(info) -> list[Product]:
    """Every product, by name."""
    db = info.context["db"]
    return await db.find("v_product", "products", info, order_by={"name": "ASC"})


# @fraiseql.query registers the query itself. FraiseQLConfig reads FRAISEQL_DATABASE_URL, FRAISEQL_ENVIRONMENT and
# the pool size from the environment the generated stacks set; explicit arguments to create_fraiseql_app would
# override them.
app = create_fraiseql_app(config=FraiseQLConfig(), types=[Product])
