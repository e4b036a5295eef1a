package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// awsMetrics are the CloudWatch metrics a generated dashboard may read, each with the dimension sets AWS publishes it
// under (sorted names, joined by commas), from the metric pages of the Application Load Balancer, ECS and RDS user
// guides. A metric or a dimension set not listed here would be a panel with no data.
var awsMetrics = map[string]map[string][]string{
	"AWS/ApplicationELB": {
		"RequestCount":              {"LoadBalancer", "LoadBalancer,TargetGroup", "TargetGroup"},
		"HTTPCode_Target_5XX_Count": {"LoadBalancer", "LoadBalancer,TargetGroup", "TargetGroup"},
		"HTTPCode_Target_4XX_Count": {"LoadBalancer", "LoadBalancer,TargetGroup", "TargetGroup"},
		"HTTPCode_ELB_5XX_Count":    {"LoadBalancer", "AvailabilityZone,LoadBalancer"},
		"TargetResponseTime":        {"LoadBalancer", "LoadBalancer,TargetGroup", "TargetGroup"},
		"HealthyHostCount":          {"LoadBalancer,TargetGroup", "AvailabilityZone,LoadBalancer,TargetGroup"},
		"UnHealthyHostCount":        {"LoadBalancer,TargetGroup", "AvailabilityZone,LoadBalancer,TargetGroup"},
	},
	"AWS/ECS": {
		"CPUUtilization":    {"ClusterName", "ClusterName,ServiceName"},
		"MemoryUtilization": {"ClusterName", "ClusterName,ServiceName"},
	},
	"AWS/RDS": {
		"CPUUtilization":      {"DBInstanceIdentifier"},
		"DatabaseConnections": {"DBInstanceIdentifier"},
		"FreeStorageSpace":    {"DBInstanceIdentifier"},
		"FreeableMemory":      {"DBInstanceIdentifier"},
		"ReadLatency":         {"DBInstanceIdentifier"},
		"WriteLatency":        {"DBInstanceIdentifier"},
	},
}

var statistic = regexp.MustCompile(`^(Average|Sum|Minimum|Maximum|SampleCount|p(100|[0-9]{1,2}(\.[0-9]+)?))$`)

var period = regexp.MustCompile(`^(auto|[1-9][0-9]*)$`)

type rawCloudWatchTarget struct {
	Namespace  string            `json:"namespace"`
	MetricName string            `json:"metricName"`
	Dimensions map[string]string `json:"dimensions"`
	Statistic  string            `json:"statistic"`
	Period     string            `json:"period"`
	MatchExact bool              `json:"matchExact"`
}

type rawVariable struct {
	Type       string          `json:"type"`
	Name       string          `json:"name"`
	Datasource *rawDatasource  `json:"datasource"`
	Query      json.RawMessage `json:"query"`
	Regex      string          `json:"regex"`
}

// The CloudWatch datasource's variable query (Grafana's VariableQuery); only dimension values are written.
type rawCloudWatchVariable struct {
	QueryType        string            `json:"queryType"`
	Namespace        string            `json:"namespace"`
	MetricName       string            `json:"metricName"`
	DimensionKey     string            `json:"dimensionKey"`
	DimensionFilters map[string]string `json:"dimensionFilters"`
}

// dimensionSet is whether a metric is published under exactly these dimension names.
func dimensionSet(namespace, metric string, names []string) error {
	sets, ok := awsMetrics[namespace][metric]
	if !ok {
		return fmt.Errorf("%s %s is not a CloudWatch metric the dashboards may read", namespace, metric)
	}
	sort.Strings(names)
	joined := strings.Join(names, ",")
	for _, set := range sets {
		if set == joined {
			return nil
		}
	}
	return fmt.Errorf("%s %s is not published by dimensions [%s] (it is by %s)", namespace, metric, joined, strings.Join(sets, " or "))
}

// referenced checks the $name references of a dimension value against the dashboard's variables.
func referenced(value string, variables map[string]bool) error {
	for _, ref := range variable.FindAllString(value, -1) {
		name := strings.TrimLeft(ref, "${")
		if !variables[name] {
			return fmt.Errorf("unknown variable %s", ref)
		}
	}
	return nil
}

// cloudWatchTarget checks one CloudWatch query: a known metric under its dimensions, exact dimension matching (else
// other resources' series join in), a statistic and period CloudWatch accepts, variables that exist. It returns the
// literal dimension values, for the suite to compare with the resources OpenTofu names.
func cloudWatchTarget(raw json.RawMessage, variables map[string]bool) (map[string]string, []string) {
	var target rawCloudWatchTarget
	if err := json.Unmarshal(raw, &target); err != nil {
		return nil, []string{err.Error()}
	}
	var problems []string
	names := make([]string, 0, len(target.Dimensions))
	literal := map[string]string{}
	for name, value := range target.Dimensions {
		names = append(names, name)
		if err := referenced(value, variables); err != nil {
			problems = append(problems, err.Error())
		} else if !variable.MatchString(value) {
			literal[name] = value
		}
		if value == "" || value == "*" {
			problems = append(problems, fmt.Sprintf("dimension %s matches every resource", name))
		}
	}
	if err := dimensionSet(target.Namespace, target.MetricName, names); err != nil {
		problems = append(problems, err.Error())
	}
	if !target.MatchExact {
		problems = append(problems, "matchExact is off: series of other dimensions would join in")
	}
	if !statistic.MatchString(target.Statistic) {
		problems = append(problems, fmt.Sprintf("statistic %q is not one CloudWatch computes", target.Statistic))
	}
	if !period.MatchString(target.Period) {
		problems = append(problems, fmt.Sprintf("period %q is not auto or a number of seconds", target.Period))
	}
	return literal, problems
}

// cloudWatchVariables checks the dashboard's variables and returns the names later references may use. A query
// variable of the CloudWatch datasource lists a metric's dimension values, kept by a regex written /.../ that
// Go's regexp compiles (JavaScript's syntax, which Grafana uses, agrees on what these patterns use).
func cloudWatchVariables(list []rawVariable, sources map[string]string) (map[string]bool, []string) {
	defined := map[string]bool{}
	var problems []string
	for _, v := range list {
		where := "variable " + v.Name
		if v.Type != "query" || v.Datasource == nil || v.Datasource.Type != "cloudwatch" {
			problems = append(problems, where+": only CloudWatch query variables are written")
			continue
		}
		problems = append(problems, checkDatasource(where, v.Datasource, sources)...)
		var query rawCloudWatchVariable
		if err := json.Unmarshal(v.Query, &query); err != nil {
			problems = append(problems, fmt.Sprintf("%s: query: %v", where, err))
			continue
		}
		if query.QueryType != "dimensionValues" {
			problems = append(problems, fmt.Sprintf("%s: query type %q, only dimensionValues is written", where, query.QueryType))
		}
		names := []string{query.DimensionKey}
		for name, value := range query.DimensionFilters {
			names = append(names, name)
			if err := referenced(value, defined); err != nil {
				problems = append(problems, fmt.Sprintf("%s: filter %s: %v (a variable may use only those before it)", where, name, err))
			}
		}
		if err := dimensionSet(query.Namespace, query.MetricName, names); err != nil {
			problems = append(problems, where+": "+err.Error())
		}
		if len(v.Regex) < 2 || !strings.HasPrefix(v.Regex, "/") || !strings.HasSuffix(v.Regex, "/") {
			problems = append(problems, fmt.Sprintf("%s: regex %q is not written /.../: every value would be kept", where, v.Regex))
		} else if _, err := regexp.Compile(v.Regex[1 : len(v.Regex)-1]); err != nil {
			problems = append(problems, fmt.Sprintf("%s: regex: %v", where, err))
		}
		defined[v.Name] = true
	}
	return defined, problems
}
