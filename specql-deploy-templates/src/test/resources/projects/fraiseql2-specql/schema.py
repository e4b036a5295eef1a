"""The CRM's GraphQL schema over the views SpecQL generates: python -m schema writes schema.json."""
import fraiseql


@fraiseql.type(sql_source="crm.v_contact")
class Contact:
    id: int
    email: str
    status: str


if __name__ == "__main__":
    fraiseql.export_schema("schema.json")
