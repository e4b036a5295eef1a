package main

// A component's or block's arguments and nested blocks as its reference page lists them
// (grafana.com/docs/alloy/latest/reference/components/), and the exports other components may reference.
type schema struct {
	required []string
	optional []string
	blocks   map[string]*schema
	exports  []string
}

var stages = map[string]*schema{
	"stage.json":   {optional: []string{"expressions", "source", "drop_malformed"}},
	"stage.labels": {required: []string{"values"}},
	"stage.drop": {optional: []string{"source", "expression", "value", "separator", "older_than", "longer_than",
		"drop_counter_reason"}},
}

func init() {
	// stage.match nests stages, itself included.
	match := &schema{required: []string{"selector"}, optional: []string{"action", "drop_counter_reason", "pipeline_name"},
		blocks: stages}
	stages["stage.match"] = match
}

var rule = &schema{optional: []string{"source_labels", "separator", "regex", "replacement", "target_label", "action", "modulus"}}

var componentSchemas = map[string]*schema{
	"discovery.docker": {
		required: []string{"host"},
		optional: []string{"port", "refresh_interval", "match_first_network", "host_networking_host", "bearer_token_file",
			"proxy_url", "follow_redirects", "enable_http2"},
		blocks:  map[string]*schema{"filter": {required: []string{"name", "values"}}},
		exports: []string{"targets"},
	},
	"discovery.relabel": {
		required: []string{"targets"},
		blocks:   map[string]*schema{"rule": rule},
		exports:  []string{"output", "rules"},
	},
	"loki.source.docker": {
		required: []string{"host", "targets", "forward_to"},
		optional: []string{"labels", "relabel_rules", "refresh_interval"},
	},
	"loki.process": {
		required: []string{"forward_to"},
		blocks:   stages,
		exports:  []string{"receiver"},
	},
	"loki.write": {
		optional: []string{"max_streams", "external_labels"},
		blocks: map[string]*schema{"endpoint": {required: []string{"url"}, optional: []string{"name", "batch_wait",
			"batch_size", "remote_timeout", "headers", "min_backoff_period", "max_backoff_period", "max_backoff_retries",
			"retry_on_http_429", "tenant_id", "bearer_token", "bearer_token_file", "proxy_url"}}},
		exports: []string{"receiver"},
	},
}
