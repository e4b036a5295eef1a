// Command compose-check validates Docker Compose files with compose-go, the library behind
// `docker compose`, plus a few checks of its own, for the specql-deploy conformance suite.
//
//	compose-check [--env-file FILE] [--profile NAME ...] [--overlay FILE] COMPOSE_FILE [COMPOSE_FILE ...]
//
// Each file is an independent project; with --overlay, FILE is merged over each of them as
// `docker compose --file COMPOSE_FILE --file FILE` would (the project directory stays COMPOSE_FILE's). Variables come only from the env file (default:
// .env.example beside the compose file); empty values get a placeholder. Output is one line per
// finding, "FILE: error|info: message", then "FILE: ok (N services: ...)" or
// "FILE: FAILED (N errors)". Exit status: 0 when no file has an error, 1 otherwise, 2 on usage
// errors.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// profileList collects repeated --profile flags.
type profileList []string

func (p *profileList) String() string { return strings.Join(*p, ",") }
func (p *profileList) Set(v string) error {
	*p = append(*p, v)
	return nil
}

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("compose-check", flag.ContinueOnError)
	flags.SetOutput(stderr)
	envFile := flags.String("env-file", "", "env file for interpolation (default: "+defaultEnvFile+" beside each compose file)")
	overlay := flags.String("overlay", "", "compose file merged over each COMPOSE_FILE (as a second --file)")
	var profiles profileList
	flags.Var(&profiles, "profile", "profile to enable (repeatable; default: every profile)")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: compose-check [--env-file FILE] [--profile NAME ...] [--overlay FILE] COMPOSE_FILE [COMPOSE_FILE ...]")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if flags.NArg() == 0 {
		flags.Usage()
		return 2
	}
	if *envFile != "" {
		if fi, err := os.Stat(*envFile); err != nil || fi.IsDir() {
			fmt.Fprintf(stderr, "compose-check: --env-file %s: not a readable file\n", *envFile)
			return 2
		}
	}

	status := 0
	for _, file := range flags.Args() {
		res := checkFile(file, *overlay, *envFile, profiles)
		for _, f := range res.findings {
			fmt.Fprintf(stdout, "%s: %s: %s\n", file, f.level, f.message)
		}
		if n := res.errorCount(); n > 0 {
			fmt.Fprintf(stdout, "%s: FAILED (%d errors)\n", file, n)
			status = 1
		} else {
			fmt.Fprintf(stdout, "%s: ok (%d services: %s)\n", file, len(res.services), strings.Join(res.services, ", "))
		}
	}
	return status
}
