// dashboard-check validates provisioned Grafana dashboards the way Grafana would load them, without Grafana (its
// server is AGPL-licensed and not built here): each dashboard decoded strictly against the Grafana Foundation SDK's
// schema (unknown keys, wrong types, missing required fields, panel options of the built-in panels) and its Validate
// rules; only current panel types; no grafana.com import placeholders; every datasource uid provisioned with the
// same type; every PromQL query parsed by Prometheus's own parser; every CloudWatch query a metric AWS publishes under
// its dimensions, matched exactly, with its variables defined. It prints a JSON report with each dashboard's metric
// names and CloudWatch dimension values, for the suite's consistency and end-to-end checks.
//
// Usage: dashboard-check PROVISIONING_DIR DASHBOARDS_DIR
package main

import (
	"encoding/json"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: dashboard-check PROVISIONING_DIR DASHBOARDS_DIR")
		os.Exit(2)
	}
	report, problems := check(os.Args[1], os.Args[2])
	out := json.NewEncoder(os.Stdout)
	out.SetIndent("", "  ")
	if err := out.Encode(report); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, p)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
}
