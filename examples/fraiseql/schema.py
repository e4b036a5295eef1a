"""The CRM's GraphQL schema over the crm views: `python -m schema` writes schema.json for fraiseql-cli compile."""
import fraiseql


@fraiseql.type(sql_source="crm.v_company")
class Company:
    id: int
    name: str


@fraiseql.type(sql_source="crm.v_contact")
class Contact:
    id: int
    email: str
    status: str


@fraiseql.query(sql_source="crm.v_company")
def companies(limit: int = 50, offset: int = 0) -> list[Company]:
    """Companies, by identity."""


@fraiseql.query(sql_source="crm.v_contact")
def contacts(limit: int = 50, offset: int = 0) -> list[Contact]:
    """Contacts, by identity."""


if __name__ == "__main__":
    fraiseql.export_schema("schema.json")
