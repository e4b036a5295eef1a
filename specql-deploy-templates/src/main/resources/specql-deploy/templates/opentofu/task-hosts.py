import json, os, sys, urllib.request
# Adds this ECS task's own addresses to the Host names the app accepts (argv[1] names the variable), then runs
# the server (argv[2:]): the load balancer's health checks send Host: <task IP>, which only they can reach.
uri = os.environ.get("ECS_CONTAINER_METADATA_URI_V4")
if uri:
    with urllib.request.urlopen(uri, timeout=5) as response:
        addresses = [a for n in json.load(response).get("Networks", []) for a in n.get("IPv4Addresses", [])]
    os.environ[sys.argv[1]] = ",".join([h for h in os.environ.get(sys.argv[1], "").split(",") if h] + addresses)
os.execvp(sys.argv[2], sys.argv[2:])
