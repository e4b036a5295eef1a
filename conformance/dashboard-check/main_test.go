package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const provisioning = "testdata/provisioning"

func TestValidDashboardPasses(t *testing.T) {
	report, problems := check(provisioning, "testdata/valid")
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	if len(report.Dashboards) != 1 || report.Dashboards[0].Queries != 2 {
		t.Fatalf("report: %+v", report)
	}
	want := []string{"django_http_responses_total_by_status_view_method_total", "up"}
	if strings.Join(report.Dashboards[0].Metrics, ",") != strings.Join(want, ",") {
		t.Fatalf("metrics %v, want %v", report.Dashboards[0].Metrics, want)
	}
}

func TestValidCloudWatchDashboardPasses(t *testing.T) {
	report, problems := check(provisioning, "testdata/valid-cloudwatch")
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	got := report.Dashboards[0].Dimensions
	if strings.Join(got["ClusterName"], ",") != "shop" || strings.Join(got["ServiceName"], ",") != "shop" || len(got) != 2 {
		t.Fatalf("dimensions %v, want the literal ClusterName and ServiceName only", got)
	}
	if len(report.Dashboards[0].VariableRegexes) != 2 {
		t.Fatalf("variable regexes %v", report.Dashboards[0].VariableRegexes)
	}
}

// Each mutation of the CloudWatch dashboard must be refused with its reason.
func TestCloudWatchMutationsAreRefused(t *testing.T) {
	cases := map[string]mutation{
		"unknown metric":   {func(d map[string]any) { target(d, 1)["metricName"] = "CPUUtilisation" }, "is not a CloudWatch metric"},
		"wrong dimensions": {func(d map[string]any) { delete(target(d, 0)["dimensions"].(map[string]any), "TargetGroup") }, "is not published by dimensions [LoadBalancer]"},
		"loose match":      {func(d map[string]any) { target(d, 1)["matchExact"] = false }, "matchExact is off"},
		"bad statistic":    {func(d map[string]any) { target(d, 1)["statistic"] = "Mean" }, `statistic "Mean"`},
		"every resource":   {func(d map[string]any) { target(d, 1)["dimensions"].(map[string]any)["ServiceName"] = "*" }, "matches every resource"},
		"unknown variable": {func(d map[string]any) { target(d, 0)["dimensions"].(map[string]any)["TargetGroup"] = "$tg" }, "unknown variable $tg"},
		"unanchored regex": {func(d map[string]any) { variableAt(d, 0)["regex"] = "app/shop-alb/.*" }, "is not written /.../"},
		"broken regex":     {func(d map[string]any) { variableAt(d, 0)["regex"] = "/^app(/" }, "regex: error parsing"},
		"later variable": {func(d map[string]any) {
			vs := d["templating"].(map[string]any)["list"].([]any)
			vs[0], vs[1] = vs[1], vs[0]
		}, "may use only those before it"},
		"variable metric":   {func(d map[string]any) { variableAt(d, 0)["query"].(map[string]any)["metricName"] = "HealthyHostCount" }, "variable load_balancer"},
		"other query type":  {func(d map[string]any) { variableAt(d, 0)["query"].(map[string]any)["queryType"] = "regions" }, "only dimensionValues"},
		"unprovisioned uid": {func(d map[string]any) { variableAt(d, 1)["datasource"].(map[string]any)["uid"] = "cw" }, `uid "cw" is not provisioned`},
	}
	refuseMutations(t, "testdata/valid-cloudwatch/aws.json", cases)
}

func variableAt(d map[string]any, i int) map[string]any {
	return d["templating"].(map[string]any)["list"].([]any)[i].(map[string]any)
}

// Each mutation of the valid dashboard must be refused with its reason: the checks cannot pass vacuously.
func TestMutationsAreRefused(t *testing.T) {
	cases := map[string]mutation{
		"angular panel":       {func(d map[string]any) { panel(d, 0)["type"] = "graph" }, "not a current Grafana panel"},
		"unknown key":         {func(d map[string]any) { d["bogus"] = 1 }, "unexpected field 'bogus'"},
		"wrong type":          {func(d map[string]any) { panel(d, 0)["gridPos"].(map[string]any)["h"] = "4" }, "gridPos.h"},
		"zero height":         {func(d map[string]any) { panel(d, 0)["gridPos"].(map[string]any)["h"] = 0 }, "must be > 0"},
		"missing annotations": {func(d map[string]any) { delete(d, "annotations") }, "annotations"},
		"import placeholder":  {func(d map[string]any) { panel(d, 0)["description"] = "${DS_PROMETHEUS}" }, "import placeholders"},
		"unprovisioned uid": {func(d map[string]any) {
			panel(d, 1)["datasource"].(map[string]any)["uid"] = "mimir"
		}, `uid "mimir" is not provisioned`},
		"wrong datasource type": {func(d map[string]any) {
			target(d, 0)["datasource"].(map[string]any)["uid"] = "alertmanager"
		}, "provisioned as alertmanager"},
		"bad promql":       {func(d map[string]any) { target(d, 0)["expr"] = "sum(rate(up[5m])" }, "query A"},
		"unknown variable": {func(d map[string]any) { target(d, 1)["expr"] = "sum(up{job=\"$job\"})" }, "unknown variable $job"},
		"logql pipeline": {func(d map[string]any) {
			target(d, 0)["datasource"] = map[string]any{"type": "loki", "uid": "loki"}
			target(d, 0)["expr"] = `{service="app"} |= "error"`
		}, "not a bare stream selector"},
		"overlap": {func(d map[string]any) {
			panel(d, 1)["gridPos"].(map[string]any)["x"] = 3
		}, "overlap"},
		"duplicate refId": {func(d map[string]any) {
			p := panel(d, 0)
			p["targets"] = append(p["targets"].([]any), p["targets"].([]any)[0])
		}, "refId \"A\" twice"},
	}
	refuseMutations(t, "testdata/valid/app.json", cases)
}

func panel(d map[string]any, i int) map[string]any {
	return d["panels"].([]any)[i].(map[string]any)
}

func target(d map[string]any, panelIndex int) map[string]any {
	return panel(d, panelIndex)["targets"].([]any)[0].(map[string]any)
}

// mutation is a change of a valid dashboard and the reason dashboard-check must give for refusing it.
type mutation struct {
	mutate func(d map[string]any)
	reason string
}

// refuseMutations applies each mutation to a copy of the valid dashboard and expects its reason among the problems.
func refuseMutations(t *testing.T, valid string, cases map[string]mutation) {
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			var d map[string]any
			data, err := os.ReadFile(valid)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &d); err != nil {
				t.Fatal(err)
			}
			c.mutate(d)
			out, _ := json.Marshal(d)
			if err := os.WriteFile(filepath.Join(dir, filepath.Base(valid)), out, 0o644); err != nil {
				t.Fatal(err)
			}
			_, problems := check(provisioning, dir)
			joined := strings.Join(problems, "\n")
			if !strings.Contains(joined, c.reason) {
				t.Fatalf("want a problem containing %q, got:\n%s", c.reason, joined)
			}
		})
	}
}
