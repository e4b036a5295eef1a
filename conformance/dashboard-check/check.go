package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/cog/plugins"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
	"github.com/prometheus/prometheus/promql/parser"
	"go.yaml.in/yaml/v3"
)

// Report is what the suite reads: per dashboard file, its uid, panel and query counts and the metrics it reads.
type Report struct {
	Datasources map[string]string `json:"datasources"`
	Dashboards  []DashboardReport `json:"dashboards"`
}

type DashboardReport struct {
	File    string   `json:"file"`
	UID     string   `json:"uid"`
	Panels  int      `json:"panels"`
	Queries int      `json:"queries"`
	Metrics []string `json:"metrics"`
	// The literal values of its CloudWatch queries' dimensions, by dimension name: the resources it reads.
	Dimensions map[string][]string `json:"dimensions,omitempty"`
	// Its variables' regexes, which must keep the resources OpenTofu names.
	VariableRegexes []string `json:"variable_regexes,omitempty"`
	// The labels its Loki queries select on, which the log collector must set.
	LogLabels []string `json:"log_labels"`
}

// Panel types that render in Grafana 12 and later; the Angular ones were removed in 12.
var currentPanels = map[string]bool{
	"timeseries": true, "stat": true, "gauge": true, "bargauge": true, "table": true, "text": true, "logs": true,
	"row": true, "barchart": true, "heatmap": true, "histogram": true, "piechart": true, "state-timeline": true,
	"status-history": true, "alertlist": true, "dashlist": true, "nodeGraph": true, "xychart": true, "trend": true,
}

// Grafana's built-in interval variables, replaced by a duration so that Prometheus's parser reads the query.
var builtinRanges = strings.NewReplacer("$__rate_interval", "5m", "${__rate_interval}", "5m", "$__interval", "1m",
	"${__interval}", "1m", "$__range", "6h", "${__range}", "6h")

var variable = regexp.MustCompile(`\$\{?[A-Za-z_][A-Za-z0-9_]*`)

type rawPanel struct {
	ID         int                      `json:"id"`
	Type       string                   `json:"type"`
	Title      string                   `json:"title"`
	Datasource *rawDatasource           `json:"datasource"`
	GridPos    struct{ H, W, X, Y int } `json:"gridPos"`
	Targets    []rawTarget              `json:"targets"`
	Panels     []rawPanel               `json:"panels"`
}

type rawDatasource struct {
	Type string `json:"type"`
	UID  string `json:"uid"`
}

type rawTarget struct {
	RefID      string         `json:"refId"`
	Expr       string         `json:"expr"`
	Datasource *rawDatasource `json:"datasource"`
	// The whole target, for the fields of datasources other than Prometheus and Loki.
	raw json.RawMessage
}

func (t *rawTarget) UnmarshalJSON(data []byte) error {
	type plain rawTarget
	if err := json.Unmarshal(data, (*plain)(t)); err != nil {
		return err
	}
	t.raw = append(json.RawMessage(nil), data...)
	return nil
}

type rawDashboard struct {
	UID        string          `json:"uid"`
	Inputs     json.RawMessage `json:"__inputs"`
	Panels     []rawPanel      `json:"panels"`
	Templating struct {
		List []rawVariable `json:"list"`
	} `json:"templating"`
}

func check(provisioning, dashboards string) (Report, []string) {
	plugins.RegisterDefaultPlugins()
	var problems []string
	report := Report{Datasources: map[string]string{}}
	sources, err := datasources(provisioning)
	if err != nil {
		return report, []string{err.Error()}
	}
	report.Datasources = sources
	files, _ := filepath.Glob(filepath.Join(dashboards, "*.json"))
	sort.Strings(files)
	if len(files) == 0 {
		return report, []string{"no dashboard in " + dashboards}
	}
	uids := map[string]string{}
	for _, file := range files {
		name := filepath.Base(file)
		data, err := os.ReadFile(file)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		for _, p := range schema(data) {
			problems = append(problems, name+": "+p)
		}
		var raw rawDashboard
		if err := json.Unmarshal(data, &raw); err != nil {
			problems = append(problems, name+": "+err.Error())
			continue
		}
		if other, ok := uids[raw.UID]; ok {
			problems = append(problems, fmt.Sprintf("%s: uid %q is also %s's", name, raw.UID, other))
		}
		uids[raw.UID] = name
		if len(raw.UID) == 0 || len(raw.UID) > 40 {
			problems = append(problems, fmt.Sprintf("%s: uid %q must have 1 to 40 characters", name, raw.UID))
		}
		if raw.Inputs != nil || strings.Contains(string(data), "${DS_") {
			problems = append(problems, name+": grafana.com import placeholders (__inputs, ${DS_...}) do not resolve under file provisioning")
		}
		entry := DashboardReport{File: name, UID: raw.UID}
		defined, variableProblems := cloudWatchVariables(raw.Templating.List, sources)
		for _, p := range variableProblems {
			problems = append(problems, name+": "+p)
		}
		for _, v := range raw.Templating.List {
			entry.VariableRegexes = append(entry.VariableRegexes, v.Regex)
		}
		dimensions := map[string]map[string]bool{}
		metrics := map[string]bool{}
		logLabels := map[string]bool{}
		ids := map[int]bool{}
		for _, panel := range flatten(raw.Panels) {
			entry.Panels++
			where := fmt.Sprintf("%s: panel %d %q", name, panel.ID, panel.Title)
			if ids[panel.ID] {
				problems = append(problems, where+": duplicate panel id")
			}
			ids[panel.ID] = true
			if !currentPanels[panel.Type] {
				problems = append(problems, fmt.Sprintf("%s: panel type %q is not a current Grafana panel (graph and singlestat were Angular, removed in Grafana 12)", where, panel.Type))
			}
			problems = append(problems, checkDatasource(where, panel.Datasource, sources)...)
			refs := map[string]bool{}
			for _, target := range panel.Targets {
				entry.Queries++
				if refs[target.RefID] {
					problems = append(problems, fmt.Sprintf("%s: refId %q twice", where, target.RefID))
				}
				refs[target.RefID] = true
				ds := target.Datasource
				if ds == nil {
					ds = panel.Datasource
				}
				problems = append(problems, checkDatasource(where, ds, sources)...)
				if ds != nil && ds.Type == "prometheus" {
					names, err := promql(target.Expr)
					if err != nil {
						problems = append(problems, fmt.Sprintf("%s: query %s: %v", where, target.RefID, err))
					}
					for _, n := range names {
						metrics[n] = true
					}
				}
				if ds != nil && ds.Type == "cloudwatch" {
					literal, errs := cloudWatchTarget(target.raw, defined)
					for _, e := range errs {
						problems = append(problems, fmt.Sprintf("%s: query %s: %s", where, target.RefID, e))
					}
					for dimension, value := range literal {
						if dimensions[dimension] == nil {
							dimensions[dimension] = map[string]bool{}
						}
						dimensions[dimension][value] = true
					}
				}
				if ds != nil && ds.Type == "loki" {
					labels, err := streamSelector(target.Expr)
					if err != nil {
						problems = append(problems, fmt.Sprintf("%s: query %s: %v", where, target.RefID, err))
					}
					for _, l := range labels {
						logLabels[l] = true
					}
				}
			}
		}
		problems = append(problems, overlaps(name, flatten(raw.Panels))...)
		for m := range metrics {
			entry.Metrics = append(entry.Metrics, m)
		}
		sort.Strings(entry.Metrics)
		for l := range logLabels {
			entry.LogLabels = append(entry.LogLabels, l)
		}
		sort.Strings(entry.LogLabels)
		for dimension, values := range dimensions {
			if entry.Dimensions == nil {
				entry.Dimensions = map[string][]string{}
			}
			for value := range values {
				entry.Dimensions[dimension] = append(entry.Dimensions[dimension], value)
			}
			sort.Strings(entry.Dimensions[dimension])
		}
		report.Dashboards = append(report.Dashboards, entry)
	}
	return report, problems
}

// schema decodes strictly for unknown keys, wrong types and missing fields, then runs the SDK's Validate rules on a
// plain decode: in v0.0.22 a strict decode that succeeds returns an empty BuildErrors and keeps no panel, so Validate
// would see none.
func schema(data []byte) []string {
	var strict dashboard.Dashboard
	err := strict.UnmarshalJSONStrict(data)
	var build cog.BuildErrors
	if errors.As(err, &build) && len(build) == 0 {
		err = nil
	}
	if err != nil {
		return lines(err)
	}
	var plain dashboard.Dashboard
	if err := json.Unmarshal(data, &plain); err != nil {
		return lines(err)
	}
	if err := plain.Validate(); err != nil {
		var build cog.BuildErrors
		if !errors.As(err, &build) || len(build) > 0 {
			return lines(err)
		}
	}
	return nil
}

func lines(err error) []string {
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(err.Error()), "\n") {
		if strings.TrimSpace(line) != "" {
			out = append(out, "schema: "+strings.TrimSpace(line))
		}
	}
	return out
}

func flatten(panels []rawPanel) []rawPanel {
	var all []rawPanel
	for _, p := range panels {
		all = append(all, p)
		all = append(all, flatten(p.Panels)...)
	}
	return all
}

func checkDatasource(where string, ds *rawDatasource, sources map[string]string) []string {
	if ds == nil {
		return []string{where + ": no datasource: Grafana would use whichever is the default"}
	}
	kind, ok := sources[ds.UID]
	if !ok {
		return []string{fmt.Sprintf("%s: datasource uid %q is not provisioned", where, ds.UID)}
	}
	if kind != ds.Type {
		return []string{fmt.Sprintf("%s: datasource %q is provisioned as %s, not %s", where, ds.UID, kind, ds.Type)}
	}
	return nil
}

// promql parses a query as Prometheus would once Grafana has replaced its interval variables, and returns the
// metric names it reads. A dashboard variable of its own would need a value here: none is defined, so any other
// $name is an error.
func promql(expr string) ([]string, error) {
	query := builtinRanges.Replace(expr)
	if v := variable.FindString(query); v != "" {
		return nil, fmt.Errorf("unknown variable %s", v)
	}
	parsed, err := parser.NewParser(parser.Options{}).ParseExpr(query)
	if err != nil {
		return nil, err
	}
	var names []string
	parser.Inspect(parsed, func(node parser.Node, _ []parser.Node) error {
		if selector, ok := node.(*parser.VectorSelector); ok {
			if selector.Name != "" {
				names = append(names, selector.Name)
			}
		}
		return nil
	})
	if len(names) == 0 {
		return nil, fmt.Errorf("reads no metric")
	}
	return names, nil
}

// streamSelector checks a Loki query that is a bare stream selector ({label="value", ...}), whose syntax is PromQL's
// metric selector without a name, and returns its labels. LogQL pipelines need Loki's own parser, which is not built
// here (AGPL): a query with one is refused rather than passed unchecked.
func streamSelector(expr string) ([]string, error) {
	trimmed := strings.TrimSpace(expr)
	if !strings.HasPrefix(trimmed, "{") || !strings.HasSuffix(trimmed, "}") {
		return nil, fmt.Errorf("%q is not a bare stream selector (LogQL pipelines are not checked here)", expr)
	}
	matchers, err := parser.NewParser(parser.Options{}).ParseMetricSelector(trimmed)
	if err != nil {
		return nil, err
	}
	var labels []string
	for _, m := range matchers {
		labels = append(labels, m.Name)
	}
	return labels, nil
}

// overlaps reports panels sharing a cell of the grid: Grafana would move one, so the layout is not the one written.
func overlaps(name string, panels []rawPanel) []string {
	var problems []string
	for i, a := range panels {
		if a.GridPos.X+a.GridPos.W > 24 {
			problems = append(problems, fmt.Sprintf("%s: panel %d is wider than the grid's 24 columns", name, a.ID))
		}
		for _, b := range panels[i+1:] {
			if a.GridPos.X < b.GridPos.X+b.GridPos.W && b.GridPos.X < a.GridPos.X+a.GridPos.W &&
				a.GridPos.Y < b.GridPos.Y+b.GridPos.H && b.GridPos.Y < a.GridPos.Y+a.GridPos.H {
				problems = append(problems, fmt.Sprintf("%s: panels %d and %d overlap", name, a.ID, b.ID))
			}
		}
	}
	return problems
}

// urlless are the datasource types that reach their service through an SDK instead of a URL.
var urlless = map[string]bool{"cloudwatch": true}

// datasources reads every provisioning file under DIR/datasources: uid to type.
func datasources(provisioning string) (map[string]string, error) {
	files, _ := filepath.Glob(filepath.Join(provisioning, "datasources", "*.yaml"))
	more, _ := filepath.Glob(filepath.Join(provisioning, "datasources", "*.yml"))
	files = append(files, more...)
	if len(files) == 0 {
		return nil, fmt.Errorf("no datasource provisioning file in %s/datasources", provisioning)
	}
	sources := map[string]string{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		var doc struct {
			APIVersion  int `yaml:"apiVersion"`
			Datasources []struct {
				Name string `yaml:"name"`
				Type string `yaml:"type"`
				UID  string `yaml:"uid"`
				URL  string `yaml:"url"`
			} `yaml:"datasources"`
		}
		if err := yaml.Unmarshal(data, &doc); err != nil {
			return nil, fmt.Errorf("%s: %v", file, err)
		}
		if doc.APIVersion != 1 {
			return nil, fmt.Errorf("%s: apiVersion must be 1", file)
		}
		for _, ds := range doc.Datasources {
			if ds.UID == "" || ds.Type == "" || ds.Name == "" || (ds.URL == "" && !urlless[ds.Type]) {
				return nil, fmt.Errorf("%s: datasource %q needs a name, type, uid and url", file, ds.Name)
			}
			if _, dup := sources[ds.UID]; dup {
				return nil, fmt.Errorf("%s: datasource uid %q twice", file, ds.UID)
			}
			sources[ds.UID] = ds.Type
		}
	}
	return sources, nil
}
