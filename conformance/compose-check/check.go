package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/template"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/sirupsen/logrus"
)

// Finding levels.
const (
	levelError = "error"
	levelInfo  = "info"
)

type finding struct {
	level   string
	message string
}

// result is what checking one compose file produced.
type result struct {
	findings []finding
	services []string // sorted names of the enabled services; nil when the file did not load
}

func (r *result) add(level, format string, args ...any) {
	r.findings = append(r.findings, finding{level, fmt.Sprintf(format, args...)})
}

func (r *result) errorCount() int {
	n := 0
	for _, f := range r.findings {
		if f.level == levelError {
			n++
		}
	}
	return n
}

// defaultEnvFile is read, when present, beside each compose file unless --env-file is given.
const defaultEnvFile = ".env.example"

// checkFile loads composeFile with compose-go as `docker compose config` would, then runs the
// extra checks. envFile may be empty (use .env.example beside the file, if any); no profile
// means every profile.
func checkFile(composeFile, overlay, envFile string, profiles []string) *result {
	res := &result{}
	files := []string{composeFile}
	if overlay != "" {
		files = append(files, overlay)
	}
	for _, file := range files {
		if fi, err := os.Stat(file); err != nil || fi.IsDir() {
			if err == nil {
				err = errors.New("is a directory")
			}
			res.add(levelError, "cannot read compose file: %v", err)
			return res
		}
	}

	declared, err := readEnvFile(composeFile, envFile)
	if err != nil {
		res.add(levelError, "env file: %v", err)
		return res
	}
	// Interpolation sees only the env file; empty values (secrets to fill) get a placeholder so
	// that ${VAR:?...} resolves.
	env := map[string]string{}
	for name, value := range declared {
		if value == "" {
			value = "placeholder-" + name
		}
		env[name] = value
	}
	if len(profiles) == 0 {
		profiles = []string{"*"} // compose-go's wildcard: every profile is enabled
	}

	vars := newVarRecorder()
	warnings := captureLogrusWarnings()
	project, err := loadProject(files, env, profiles, true, vars)
	for _, w := range warnings.stop() {
		res.add(levelInfo, "compose-go warning: %s", w)
	}
	if err != nil {
		for _, msg := range errorMessages(err) {
			res.add(levelError, "%s", msg)
		}
		// compose-go stops at the first consistency problem: reload without the consistency
		// check so that the checks below still run. A file that fails earlier (schema,
		// interpolation) fails again here and is left at that.
		project, _ = loadProject(files, env, profiles, false, nil)
	}

	vars.report(res, declared)
	if project != nil {
		checkServices(res, project)
		res.services = project.ServiceNames() // sorted
	}
	return res
}

// readEnvFile parses the env file with compose-go's dotenv parser. With no explicit file, a
// missing .env.example beside the compose file is not an error.
func readEnvFile(composeFile, envFile string) (map[string]string, error) {
	if envFile == "" {
		envFile = filepath.Join(filepath.Dir(composeFile), defaultEnvFile)
		if _, err := os.Stat(envFile); errors.Is(err, os.ErrNotExist) {
			return map[string]string{}, nil
		}
	}
	// An empty current environment: a KEY line without "=" inherits nothing from the OS.
	return dotenv.GetEnvFromFile(map[string]string{}, []string{envFile})
}

func loadProject(composeFiles []string, env map[string]string, profiles []string, consistency bool, vars *varRecorder) (*types.Project, error) {
	pairs := make([]string, 0, len(env))
	for name, value := range env {
		pairs = append(pairs, name+"="+value)
	}
	// No WithOsEnv and no WithEnvFiles/WithDotEnv: the environment is exactly `env`. The
	// working directory defaults to the first compose file's directory and the project name to
	// its `name:`, as with `docker compose -f FILE [-f OVERLAY] config`.
	opts := []cli.ProjectOptionsFn{
		cli.WithEnv(pairs),
		cli.WithInterpolation(true),
		cli.WithConsistency(consistency),
		cli.WithProfiles(profiles),
		cli.WithLoadOptions(func(o *loader.Options) { o.SkipValidation = false }),
	}
	if vars != nil {
		opts = append(opts, cli.WithLoadOptions(vars.install))
	}
	options, err := cli.NewProjectOptions(composeFiles, opts...)
	if err != nil {
		return nil, err
	}
	return options.LoadProject(context.Background())
}

// errorMessages splits compose-go's joined errors (interpolation joins one error per value)
// into one single-line message each.
func errorMessages(err error) []string {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var msgs []string
		for _, e := range joined.Unwrap() {
			msgs = append(msgs, errorMessages(e)...)
		}
		return msgs
	}
	return []string{strings.Join(strings.Fields(err.Error()), " ")}
}

// varRecorder records the variables interpolation looks up, through compose-go's
// interpolation hooks.
type varRecorder struct {
	lookedUp  map[string]bool // looked up by interpolation -> found in the environment
	noDefault map[string]bool // written in the file -> some occurrence is $X, ${X} or ${X:?msg}
}

func newVarRecorder() *varRecorder {
	return &varRecorder{lookedUp: map[string]bool{}, noDefault: map[string]bool{}}
}

// install wraps the LookupValue and Substitute functions that compose-go set up.
func (v *varRecorder) install(o *loader.Options) {
	if o.Interpolate == nil { // the options are also applied to a bare Options while reading files
		return
	}
	lookup, substitute := o.Interpolate.LookupValue, o.Interpolate.Substitute
	o.Interpolate.LookupValue = func(name string) (string, bool) {
		value, found := lookup(name)
		v.lookedUp[name] = v.lookedUp[name] || found
		return value, found
	}
	// Substitute is called once per string value; its variables (nested ones included) tell
	// which occurrences have a default.
	o.Interpolate.Substitute = func(s string, mapping template.Mapping) (string, error) {
		for name, variable := range template.ExtractVariables(map[string]any{"": s}, nil) {
			hasDefault := !variable.Required && (variable.DefaultValue != "" || variable.PresenceValue != "")
			v.noDefault[name] = v.noDefault[name] || !hasDefault
		}
		return substitute(s, mapping)
	}
}

func (v *varRecorder) report(res *result, declared map[string]string) {
	for _, name := range sortedKeys(v.lookedUp) {
		if !v.lookedUp[name] && v.noDefault[name] {
			res.add(levelError, "variable %s is used without a default but is not declared in the env file", name)
		}
	}
	for _, name := range sortedKeys(declared) {
		_, lookedUp := v.lookedUp[name]
		_, written := v.noDefault[name]
		if !lookedUp && !written {
			res.add(levelInfo, "variable %s is declared in the env file but never used", name)
		}
	}
}

// logrusCapture collects the warnings compose-go logs (obsolete `version`, unset variable...)
// so that they become findings instead of stray stderr lines.
type logrusCapture struct{ messages []string }

func (c *logrusCapture) Levels() []logrus.Level { return []logrus.Level{logrus.WarnLevel} }
func (c *logrusCapture) Fire(e *logrus.Entry) error {
	c.messages = append(c.messages, strings.Join(strings.Fields(e.Message), " "))
	return nil
}

func captureLogrusWarnings() *logrusCapture {
	c := &logrusCapture{}
	logger := logrus.StandardLogger()
	logger.SetOutput(io.Discard)
	logger.ReplaceHooks(logrus.LevelHooks{logrus.WarnLevel: {c}})
	return c
}

// stop detaches the hook and returns the distinct warnings, sorted: compose-go walks maps, so
// their order (and count) varies from run to run.
func (c *logrusCapture) stop() []string {
	logrus.StandardLogger().ReplaceHooks(logrus.LevelHooks{})
	sort.Strings(c.messages)
	return slices.Compact(c.messages)
}

var onFailure = regexp.MustCompile(`^on-failure(:[0-9]+)?$`)

// checkServices runs the checks compose-go does not do, in service name order.
func checkServices(res *result, project *types.Project) {
	all := project.AllServices() // enabled and profile-disabled
	for _, name := range project.ServiceNames() {
		service := project.Services[name]

		if r := service.Restart; r != "" && r != "no" && r != "always" && r != "unless-stopped" && !onFailure.MatchString(r) {
			res.add(levelError, "service %s: restart %q is not one of no, always, on-failure[:N], unless-stopped", name, r)
		}

		if hc := service.HealthCheck; hc != nil && hc.Test != nil {
			switch {
			case hc.Disable:
				res.add(levelError, "service %s: healthcheck declares a test but is disabled", name)
			case len(hc.Test) > 0 && hc.Test[0] == "NONE":
				res.add(levelError, "service %s: healthcheck test is NONE (disabled)", name)
			case len(hc.Test) < 2 || strings.TrimSpace(strings.Join(hc.Test[1:], "")) == "":
				res.add(levelError, "service %s: healthcheck test is empty", name)
			}
		}

		for _, dep := range sortedKeys(service.DependsOn) {
			target, ok := all[dep]
			if !ok {
				res.add(levelError, "service %s: depends_on unknown service %s", name, dep)
				continue
			}
			switch service.DependsOn[dep].Condition {
			case types.ServiceConditionHealthy:
				if problem := healthProblem(target.HealthCheck); problem != "" {
					res.add(levelError, "service %s: depends_on %s with condition service_healthy, but %s %s", name, dep, dep, problem)
				}
			case types.ServiceConditionCompletedSuccessfully:
				if r := effectiveRestart(target); r == "always" || r == "unless-stopped" || r == "any" {
					res.add(levelError, "service %s: depends_on %s with condition service_completed_successfully, but %s has restart %q and never completes", name, dep, dep, r)
				}
			}
		}

		if ports := publishedOnAllInterfaces(service.Ports); len(ports) > 0 {
			res.add(levelInfo, "service %s publishes on all interfaces: %s", name, strings.Join(ports, ", "))
		}
	}
}

// healthProblem says why a service cannot become healthy, or returns "".
func healthProblem(hc *types.HealthCheckConfig) string {
	switch {
	case hc == nil:
		return "has no healthcheck"
	case hc.Disable || (len(hc.Test) > 0 && hc.Test[0] == "NONE"):
		return "has its healthcheck disabled"
	case len(hc.Test) == 0:
		return "declares no healthcheck test"
	}
	return ""
}

// effectiveRestart is the restart policy docker compose applies: deploy.restart_policy wins
// over restart.
func effectiveRestart(s types.ServiceConfig) string {
	if s.Deploy != nil && s.Deploy.RestartPolicy != nil && s.Deploy.RestartPolicy.Condition != "" {
		return s.Deploy.RestartPolicy.Condition
	}
	return s.Restart
}

// publishedOnAllInterfaces lists "host:container/protocol" for the ports bound to every
// interface (no host IP, 0.0.0.0 or ::), sorted by host port (compose-go does not keep the
// declaration order).
func publishedOnAllInterfaces(ports []types.ServicePortConfig) []string {
	var open []types.ServicePortConfig
	for _, p := range ports {
		if p.HostIP == "" || p.HostIP == "0.0.0.0" || p.HostIP == "::" || p.HostIP == "[::]" {
			open = append(open, p)
		}
	}
	hostPort := func(p types.ServicePortConfig) int {
		n, err := strconv.Atoi(p.Published)
		if err != nil {
			return 1 << 30 // random or a range: last
		}
		return n
	}
	sort.SliceStable(open, func(i, j int) bool {
		a, b := open[i], open[j]
		if hostPort(a) != hostPort(b) {
			return hostPort(a) < hostPort(b)
		}
		if a.Target != b.Target {
			return a.Target < b.Target
		}
		return a.Protocol < b.Protocol
	})
	var out []string
	for _, p := range open {
		host, protocol := p.Published, p.Protocol
		if host == "" {
			host = "(random)"
		}
		if protocol == "" {
			protocol = "tcp"
		}
		out = append(out, fmt.Sprintf("%s:%d/%s", host, p.Target, protocol))
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
