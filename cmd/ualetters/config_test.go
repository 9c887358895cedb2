package main

import (
	"io"
	"strings"
	"testing"
)

// TestCORSAndIgnoreConfig: the lists come from flags or the environment,
// origins must be origins, and a real field cannot be ignored.
func TestCORSAndIgnoreConfig(t *testing.T) {
	env := map[string]string{"UALETTERS_CORS_ORIGINS": "https://a.example, http://localhost:8000",
		"UALETTERS_IGNORE_FIELDS": "op,form_token"}
	c, fs, err := loadConfig(nil, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if err := fs.Parse(nil); err != nil {
		t.Fatal(err)
	}
	if c.CORSOrigins.String() != "https://a.example,http://localhost:8000" || c.IgnoreFields.String() != "op,form_token" {
		t.Errorf("origins %q, ignore %q", c.CORSOrigins, c.IgnoreFields)
	}
	if err := c.validate(); err != nil {
		t.Errorf("valid lists refused: %v", err)
	}
	for args, want := range map[string]string{
		"--cors-origins=https://a.example/":     "is not an origin",
		"--cors-origins=a.example":              "is not an origin",
		"--cors-origins=https://A.example":      "is not an origin",
		"--ignore-fields=op,name":               `"name" is a field`,
		"--cors-origins=https://a.example:8443": "",
	} {
		c, fs, err := loadConfig(nil, func(string) string { return "" }, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		if err := fs.Parse([]string{args}); err != nil {
			t.Fatal(err)
		}
		err = c.validate()
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("%s: %v, want %q", args, err, want)
		}
	}
}

// TestAPIKeysWithoutAKeyRefuseToStart: a key list that holds no usable
// key must not start an open server.
func TestAPIKeysWithoutAKeyRefuseToStart(t *testing.T) {
	for _, raw := range []string{" , ", ",", "   ", ",,\t,"} {
		env := func(k string) string {
			if k == "UALETTERS_API_KEYS" {
				return raw
			}
			return ""
		}
		if _, _, err := loadConfig(nil, env, io.Discard); err == nil || !strings.Contains(err.Error(), "UALETTERS_API_KEYS") {
			t.Errorf("UALETTERS_API_KEYS=%q: err %v, want a refusal naming the variable", raw, err)
		}
	}
	env := func(k string) string {
		if k == "UALETTERS_API_KEYS" {
			return " k1 ,, k2 "
		}
		return ""
	}
	c, _, err := loadConfig(nil, env, io.Discard)
	if err != nil || len(c.APIKeys) != 2 || c.APIKeys[0] != "k1" || c.APIKeys[1] != "k2" {
		t.Errorf("keys %q, err %v; want [k1 k2]", c.APIKeys, err)
	}
}

// TestSchedulingDefaults: one render per CPU (at least two, so a heavy
// render never holds the only slot), twice as many scheduler threads as
// CPUs, and what the operator sets (flags, UALETTERS_* or GOMAXPROCS)
// wins.
func TestSchedulingDefaults(t *testing.T) {
	for _, tc := range []struct {
		args                  []string
		env                   map[string]string
		cpus                  int
		procsSet              bool
		procs, renders, heavy int
	}{
		{cpus: 2, procs: 4, renders: 2, heavy: 1},
		{cpus: 8, procs: 16, renders: 8, heavy: 4},
		{cpus: 1, procs: 2, renders: 2, heavy: 1},
		{cpus: 3, procsSet: true, procs: 0, renders: 3, heavy: 1},
		{args: []string{"--procs=6", "--max-renders=5"}, cpus: 2, procs: 6, renders: 5, heavy: 1},
		{env: map[string]string{"UALETTERS_PROCS": "3", "UALETTERS_HEAVY_RENDERS": "2"}, cpus: 2, procs: 3, renders: 2, heavy: 2},
	} {
		c, fs, err := loadConfig(nil, func(k string) string { return tc.env[k] }, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		if err := fs.Parse(tc.args); err != nil {
			t.Fatal(err)
		}
		c.resolve(tc.cpus, tc.procsSet)
		if c.Procs != tc.procs || c.MaxRenders != tc.renders || c.HeavyRenders != tc.heavy {
			t.Errorf("%v %v on %d CPUs (GOMAXPROCS set %v): procs %d, renders %d, heavy %d; want %d, %d, %d",
				tc.args, tc.env, tc.cpus, tc.procsSet, c.Procs, c.MaxRenders, c.HeavyRenders, tc.procs, tc.renders, tc.heavy)
		}
	}
	c, fs, _ := loadConfig(nil, func(string) string { return "" }, io.Discard)
	if err := fs.Parse([]string{"--procs=-1"}); err != nil {
		t.Fatal(err)
	}
	if err := c.validate(); err == nil {
		t.Error("--procs=-1 accepted")
	}
}
