"""The part of Loki 3's configuration the generator writes, read the way Loki reads its file: strictly (an unknown key
stops Loki at start), each value of its documented type. This stands in for `loki -verify-config`, which cannot run
here: Loki is AGPL-licensed and this machine's Go module proxy rules it out ("not-to-use").

Facts from Loki's configuration reference (docs/sources/shared/configuration.md at v3.7.6, the newest tag of the
snapshot read; the image pinned is 3.7.8, a patch release of the same configuration): key names, placeholders
(<boolean>, <int>, <string>, <daytime>, <duration>) and the values their comments list. Loki's <duration> is of two
kinds: Prometheus durations (limits' retention_period) take d, w and y; Go durations (the compactor's, the index
period) do not. A key the generator starts writing must be added here after reading the reference."""

import re

GO_DURATION = re.compile(r"0|([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+")
PROMETHEUS_DURATION = re.compile(r"0|(([0-9]+)(y|w|d|h|m|s|ms))+")
OBJECT_STORES = {"aws", "s3", "azure", "gcs", "alibabacloud", "bos", "cos", "swift", "filesystem"}


def boolean(value):
    return None if isinstance(value, bool) else "not a <boolean> (true or false)"


def integer(value):
    return None if isinstance(value, int) and not isinstance(value, bool) else "not an <int>"


def port(value):
    return integer(value) or (None if 0 < value < 65536 else "not a port")


def string(value):
    return None if isinstance(value, str) else "not a <string>"


def one_of(*values):
    return lambda value: None if value in values else f"not one of {sorted(values)}"


def matching(pattern, kind):
    return lambda value: None if isinstance(value, str) and pattern.fullmatch(value) else f"not a {kind}"


go_duration = matching(GO_DURATION, "Go <duration> (ns to h; no d, w or y)")
prometheus_duration = matching(PROMETHEUS_DURATION, "Prometheus <duration> (ms to y)")
daytime = matching(re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"), "<daytime> (YYYY-MM-DD)")


def list_of(block):
    return [block]


PERIOD_CONFIG = {
    "from": daytime,
    "store": one_of("tsdb", "boltdb-shipper"),
    "object_store": one_of(*OBJECT_STORES),
    "schema": one_of("v9", "v10", "v11", "v12", "v13"),
    "index": {"path_prefix": string, "prefix": string, "period": go_duration},
    "chunks": {"prefix": string, "period": go_duration},
    "row_shards": integer,
}

SCHEMA = {
    "target": string,
    "auth_enabled": boolean,
    "server": {
        "http_listen_address": string, "http_listen_port": port,
        "grpc_listen_address": string, "grpc_listen_port": port,
        "log_level": one_of("debug", "info", "warn", "error"),
        "log_format": one_of("logfmt", "json"),
    },
    "common": {
        "path_prefix": string,
        "instance_addr": string,
        "replication_factor": integer,
        "storage": {"filesystem": {"chunks_directory": string, "rules_directory": string}},
        "ring": {"kvstore": {"store": one_of("consul", "etcd", "inmemory", "memberlist", "multi"), "prefix": string}},
    },
    "schema_config": {"configs": list_of(PERIOD_CONFIG)},
    "limits_config": {"retention_period": prometheus_duration},
    "compactor": {
        "working_directory": string,
        "compaction_interval": go_duration,
        "apply_retention_interval": go_duration,
        "retention_enabled": boolean,
        "retention_delete_delay": go_duration,
        "retention_delete_worker_count": integer,
        "delete_request_store": one_of(*OBJECT_STORES),
        "delete_request_store_key_prefix": string,
    },
    "analytics": {"reporting_enabled": boolean},
}


def problems(config, schema=None, path=""):
    """Every key of config that Loki's reference does not have at its place, or whose value is not of its type."""
    schema = SCHEMA if schema is None else schema
    if isinstance(schema, dict):
        if not isinstance(config, dict):
            return [f"{path or 'the file'}: not a block of keys"]
        found = []
        for key, value in config.items():
            where = f"{path}.{key}" if path else str(key)
            if key not in schema:
                found.append(f"{where}: no such key in Loki 3's configuration (Loki stops at an unknown key)")
            else:
                found += problems(value, schema[key], where)
        return found
    if isinstance(schema, list):
        if not isinstance(config, list):
            return [f"{path}: not a list"]
        return [problem for index, item in enumerate(config) for problem in problems(item, schema[0], f"{path}[{index}]")]
    error = schema(config)
    return [f"{path}: {config!r} is {error}"] if error else []


def broken_copies(config):
    """Changes Loki refuses, each of which problems() must report: the checker's negative control."""
    unknown = dict(config, shared_store="filesystem")
    days = dict(config, compactor=dict(config["compactor"], compaction_interval="1d"))
    typed = dict(config, server=dict(config["server"], http_listen_port="3100"))
    level = dict(config, server=dict(config["server"], log_level="warning"))
    return {"unknown top-level key": unknown, "d in a Go duration": days, "port as a string": typed, "unknown log level": level}
