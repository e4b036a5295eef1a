from fraiseql import create_fraiseql_app

app = create_fraiseql_app(types=[])
