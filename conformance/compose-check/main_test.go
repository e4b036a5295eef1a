package main

import (
	"bytes"
	"strings"
	"testing"
)

// check runs the command and returns its exit status and stdout lines.
func check(t *testing.T, args ...string) (int, []string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	status := run(args, &stdout, &stderr)
	return status, strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
}

func TestValidFilePasses(t *testing.T) {
	// Must not leak into interpolation: only the env file counts.
	t.Setenv("LOG_LEVEL", "from-the-os")

	status, lines := check(t, "testdata/valid/compose.yaml")
	want := []string{
		"testdata/valid/compose.yaml: info: variable UNUSED is declared in the env file but never used",
		"testdata/valid/compose.yaml: info: service proxy publishes on all interfaces: 80:80/tcp, 443:443/udp",
		"testdata/valid/compose.yaml: ok (4 services: app, db, migrate, proxy)",
	}
	if status != 0 || strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("status %d, output:\n%s\nwant status 0, output:\n%s", status, strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestFailures(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string // lines that must be printed, after "FILE: "
	}{
		{"missing required variable", []string{"testdata/missing-required/compose.yaml"}, []string{
			"error: error while interpolating services.db.environment.POSTGRES_PASSWORD: required variable DB_PASSWORD is missing a value: set DB_PASSWORD in .env",
			"error: variable DB_PASSWORD is used without a default but is not declared in the env file",
			"FAILED (2 errors)",
		}},
		{"undeclared variables", []string{"testdata/undeclared/compose.yaml"}, []string{
			"error: variable ALSO_UNDECLARED is used without a default but is not declared in the env file",
			"error: variable UNDECLARED is used without a default but is not declared in the env file",
			"FAILED (2 errors)", // OPTIONAL (${X:-d}) and FLAG (${X:+v}) are not errors
		}},
		{"explicit env file", []string{"--env-file", "testdata/valid/.env.example", "testdata/missing-required/compose.yaml"}, []string{
			"error: variable OTHER is used without a default but is not declared in the env file",
			"info: variable APP_IMAGE is declared in the env file but never used",
			"FAILED (1 errors)", // DB_PASSWORD is declared empty there: the placeholder satisfies ${DB_PASSWORD:?}
		}},
		{"unknown dependency", []string{"testdata/unknown-dependency/compose.yaml"}, []string{
			// compose-go's consistency check rejects it, and so does the extra check.
			`error: service "app" depends on undefined service "ghost": invalid compose project`,
			"error: service app: depends_on unknown service ghost",
			"FAILED (2 errors)",
		}},
		{"service_healthy without healthcheck", []string{"testdata/unhealthy-dependency/compose.yaml"}, []string{
			"error: service app: depends_on cache with condition service_healthy, but cache has its healthcheck disabled",
			"error: service app: depends_on db with condition service_healthy, but db has no healthcheck",
			"FAILED (2 errors)",
		}},
		{"service_completed_successfully on a restarting service", []string{"testdata/restarting-dependency/compose.yaml"}, []string{
			`error: service app: depends_on migrate with condition service_completed_successfully, but migrate has restart "unless-stopped" and never completes`,
			"FAILED (1 errors)",
		}},
		{"invalid restart value", []string{"testdata/bad-restart/compose.yaml"}, []string{
			// compose-go's schema types restart as a plain string: the extra check catches it.
			`error: service app: restart "sometimes" is not one of no, always, on-failure[:N], unless-stopped`,
			"FAILED (1 errors)",
		}},
		{"unknown top-level key", []string{"testdata/unknown-key/compose.yaml"}, []string{
			"FAILED (1 errors)",
		}},
		{"bad healthchecks", []string{"testdata/bad-healthcheck/compose.yaml"}, []string{
			"error: service both: healthcheck declares a test but is disabled",
			"error: service empty: healthcheck test is empty",
			"error: service none: healthcheck test is NONE (disabled)",
			"FAILED (3 errors)",
		}},
		{"every profile by default", []string{"testdata/profiles/compose.yaml"}, []string{
			"error: service debug: depends_on app with condition service_healthy, but app has no healthcheck",
			"FAILED (1 errors)",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("UNDECLARED", "from-the-os") // the OS environment is never used
			t.Setenv("DB_PASSWORD", "from-the-os")
			file := tt.args[len(tt.args)-1]
			status, lines := check(t, tt.args...)
			if status != 1 {
				t.Errorf("status %d, want 1", status)
			}
			for _, w := range tt.want {
				if !contains(lines, file+": "+w) {
					t.Errorf("missing line %q in:\n%s", file+": "+w, strings.Join(lines, "\n"))
				}
			}
		})
	}
}

func TestSchemaValidation(t *testing.T) {
	_, lines := check(t, "testdata/unknown-key/compose.yaml")
	if len(lines) == 0 || !strings.Contains(lines[0], "error: validating ") || !strings.Contains(lines[0], "unknown_top_level") {
		t.Fatalf("want a schema validation error naming unknown_top_level, got:\n%s", strings.Join(lines, "\n"))
	}
}

func TestProfileSelection(t *testing.T) {
	status, lines := check(t, "--profile", "other", "testdata/profiles/compose.yaml")
	if status != 0 || !contains(lines, "testdata/profiles/compose.yaml: ok (1 services: app)") {
		t.Fatalf("status %d, output:\n%s", status, strings.Join(lines, "\n"))
	}
}

func TestSeveralFilesAndNoEnvFile(t *testing.T) {
	status, lines := check(t, "testdata/no-env-file/compose.yaml", "testdata/bad-restart/compose.yaml", "testdata/valid/compose.yaml")
	for _, w := range []string{
		"testdata/no-env-file/compose.yaml: ok (1 services: app)",
		"testdata/bad-restart/compose.yaml: FAILED (1 errors)",
		"testdata/valid/compose.yaml: ok (4 services: app, db, migrate, proxy)",
	} {
		if !contains(lines, w) {
			t.Errorf("missing line %q", w)
		}
	}
	if status != 1 {
		t.Errorf("status %d, want 1", status)
	}
}

func TestDeterministicOutput(t *testing.T) {
	args := []string{"testdata/undeclared/compose.yaml", "testdata/unhealthy-dependency/compose.yaml", "testdata/bad-healthcheck/compose.yaml", "testdata/valid/compose.yaml"}
	_, first := check(t, args...)
	for i := 0; i < 10; i++ {
		if _, again := check(t, args...); strings.Join(again, "\n") != strings.Join(first, "\n") {
			t.Fatalf("output changed between runs:\n%s\n---\n%s", strings.Join(first, "\n"), strings.Join(again, "\n"))
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"--no-such-flag", "testdata/valid/compose.yaml"},
		{"--env-file", "testdata/no-such.env", "testdata/valid/compose.yaml"},
	} {
		if status, _ := check(t, args...); status != 2 {
			t.Errorf("%q: status %d, want 2", args, status)
		}
	}
	status, lines := check(t, "testdata/no-such-dir/compose.yaml")
	if status != 1 || !contains(lines, "testdata/no-such-dir/compose.yaml: FAILED (1 errors)") {
		t.Errorf("missing compose file: status %d, output:\n%s", status, strings.Join(lines, "\n"))
	}
}

func contains(lines []string, want string) bool {
	for _, l := range lines {
		if l == want {
			return true
		}
	}
	return false
}

func TestOverlayIsMergedOverEachFile(t *testing.T) {
	status, lines := check(t, "--overlay", "testdata/overlay/overlay.yaml", "testdata/valid/compose.yaml")
	last := lines[len(lines)-1]
	if status != 0 || last != "testdata/valid/compose.yaml: ok (5 services: app, db, migrate, monitor, proxy)" {
		t.Fatalf("status %d, output:\n%s", status, strings.Join(lines, "\n"))
	}
	// Alone, the overlay's dependency on db is unknown: the merge is what makes it valid.
	status, lines = check(t, "testdata/overlay/overlay.yaml")
	if status != 1 || !strings.Contains(strings.Join(lines, "\n"), "depends_on unknown service db") {
		t.Fatalf("status %d, output:\n%s", status, strings.Join(lines, "\n"))
	}
}
