"""The blog's GraphQL schema: python -m schema writes schema.json for fraiseql-cli to compile."""
import fraiseql


@fraiseql.type(sql_source="v_post")
class Post:
    id: int
    title: str


if __name__ == "__main__":
    fraiseql.export_schema("schema.json")
