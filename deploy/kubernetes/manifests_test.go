package kubernetes

import (
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"
)

// kustomization is the part of kustomize's Kustomization this directory
// uses; decoding it strictly rejects any other field.
type kustomization struct {
	APIVersion string   `json:"apiVersion"`
	Kind       string   `json:"kind"`
	Resources  []string `json:"resources"`
	Images     []struct {
		Name    string `json:"name"`
		NewName string `json:"newName"`
		NewTag  string `json:"newTag"`
	} `json:"images"`
}

// manifests holds every resource of the kustomization, decoded.
type manifests struct {
	deploy *appsv1.Deployment
	svc    *corev1.Service
	hpa    *autoscalingv2.HorizontalPodAutoscaler
	pdb    *policyv1.PodDisruptionBudget
}

// objects maps apiVersion/kind to the type a manifest must decode into.
var objects = map[string]func() any{
	"apps/v1/Deployment":                     func() any { return &appsv1.Deployment{} },
	"v1/Service":                             func() any { return &corev1.Service{} },
	"autoscaling/v2/HorizontalPodAutoscaler": func() any { return &autoscalingv2.HorizontalPodAutoscaler{} },
	"policy/v1/PodDisruptionBudget":          func() any { return &policyv1.PodDisruptionBudget{} },
}

// load decodes kustomization.yaml and each resource it lists, strictly:
// an unknown or misspelt field, a duplicate key or a wrong type fails.
func load(t *testing.T) *manifests {
	t.Helper()
	var k kustomization
	decodeFile(t, "kustomization.yaml", &k)
	if k.APIVersion != "kustomize.config.k8s.io/v1beta1" || k.Kind != "Kustomization" {
		t.Fatalf("kustomization.yaml: %s %s", k.APIVersion, k.Kind)
	}
	checkAllListed(t, k.Resources)
	m := &manifests{}
	for _, file := range k.Resources {
		var tm metav1.TypeMeta
		decodeLoose(t, file, &tm)
		mk, ok := objects[tm.APIVersion+"/"+tm.Kind]
		if !ok {
			t.Fatalf("%s: unexpected %s %s", file, tm.APIVersion, tm.Kind)
		}
		obj := mk()
		decodeFile(t, file, obj)
		switch o := obj.(type) {
		case *appsv1.Deployment:
			m.deploy = o
		case *corev1.Service:
			m.svc = o
		case *autoscalingv2.HorizontalPodAutoscaler:
			m.hpa = o
		case *policyv1.PodDisruptionBudget:
			m.pdb = o
		}
	}
	if m.deploy == nil || m.svc == nil || m.hpa == nil || m.pdb == nil {
		t.Fatalf("kustomization lacks a Deployment, Service, HPA or PDB: %+v", k.Resources)
	}
	return m
}

func decodeFile(t *testing.T, file string, v any) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.UnmarshalStrict(b, v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

func decodeLoose(t *testing.T, file string, v any) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

// checkAllListed: every YAML file here is a resource of the kustomization.
func checkAllListed(t *testing.T, resources []string) {
	files, err := filepath.Glob("*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, f := range files {
		if f != "kustomization.yaml" {
			want = append(want, f)
		}
	}
	got := append([]string(nil), resources...)
	sort.Strings(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("kustomization resources %v, files %v", got, want)
	}
}

// TestManifestsDecodeStrictly also proves the decoder is strict: a
// misspelt field in a copy of the Deployment must fail to decode.
func TestManifestsDecodeStrictly(t *testing.T) {
	load(t)
	b, err := os.ReadFile("deployment.yaml")
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(b), "readinessProbe:", "readynessProbe:", 1)
	if err := yaml.UnmarshalStrict([]byte(bad), &appsv1.Deployment{}); err == nil {
		t.Error("a misspelt field decoded without error; the check is not strict")
	}
}

// TestDeploymentShape checks what the issue asks of the pod: probes on
// the named container port, non-root, read-only root filesystem,
// resources, a grace period above preStop + drain, and the selectors of
// the Service, HPA and PDB pointing at it.
func TestDeploymentShape(t *testing.T) {
	m := load(t)
	pod := m.deploy.Spec.Template.Spec
	if len(pod.Containers) != 1 {
		t.Fatalf("%d containers", len(pod.Containers))
	}
	c := pod.Containers[0]
	port := containerPort(t, c, "http")
	if addr := env(c, "UALETTERS_ADDR"); addr != ":"+strconv.Itoa(int(port)) {
		t.Errorf("UALETTERS_ADDR %q does not listen on containerPort %d", addr, port)
	}
	for name, p := range map[string]*corev1.Probe{"/readyz": c.ReadinessProbe, "/healthz": c.LivenessProbe} {
		if p == nil || p.HTTPGet == nil || p.HTTPGet.Path != name || p.HTTPGet.Port.String() != "http" {
			t.Errorf("probe %s: %+v", name, p)
		}
	}
	sc, psc := c.SecurityContext, pod.SecurityContext
	if psc == nil || psc.RunAsNonRoot == nil || !*psc.RunAsNonRoot || psc.RunAsUser == nil || *psc.RunAsUser == 0 {
		t.Error("the pod may run as root")
	}
	if sc == nil || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem ||
		sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
		t.Error("the container's root filesystem is writable or privilege escalation is allowed")
	}
	for _, r := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		if c.Resources.Requests.Name(r, "").IsZero() || c.Resources.Limits.Name(r, "").IsZero() {
			t.Errorf("no %s request or limit", r)
		}
	}
	drain, err := time.ParseDuration(env(c, "UALETTERS_SHUTDOWN_TIMEOUT"))
	if err != nil {
		t.Fatalf("UALETTERS_SHUTDOWN_TIMEOUT: %v", err)
	}
	var preStop time.Duration
	if h := c.Lifecycle; h != nil && h.PreStop != nil && h.PreStop.Sleep != nil {
		preStop = time.Duration(h.PreStop.Sleep.Seconds) * time.Second
	}
	var grace time.Duration
	if g := pod.TerminationGracePeriodSeconds; g != nil {
		grace = time.Duration(*g) * time.Second
	}
	if grace <= preStop+drain {
		t.Errorf("terminationGracePeriodSeconds %v is not above preStop %v + drain %v", grace, preStop, drain)
	}
	labels := m.deploy.Spec.Template.Labels
	sel, err := metav1.LabelSelectorAsMap(m.deploy.Spec.Selector)
	if err != nil || !subset(sel, labels) {
		t.Errorf("Deployment selector %v does not match its pods %v", sel, labels)
	}
	if !subset(m.svc.Spec.Selector, labels) || len(m.svc.Spec.Ports) != 1 || m.svc.Spec.Ports[0].TargetPort.String() != "http" {
		t.Errorf("Service selector %v or ports %+v", m.svc.Spec.Selector, m.svc.Spec.Ports)
	}
	if pdbSel, err := metav1.LabelSelectorAsMap(m.pdb.Spec.Selector); err != nil || !subset(pdbSel, labels) {
		t.Errorf("PDB selector %v does not match the pods", pdbSel)
	}
	ref := m.hpa.Spec.ScaleTargetRef
	if ref.Kind != "Deployment" || ref.Name != m.deploy.Name || ref.APIVersion != "apps/v1" {
		t.Errorf("HPA targets %+v", ref)
	}
	if len(m.hpa.Spec.Metrics) != 1 || m.hpa.Spec.Metrics[0].Resource == nil || m.hpa.Spec.Metrics[0].Resource.Name != corev1.ResourceCPU {
		t.Errorf("HPA does not scale on CPU: %+v", m.hpa.Spec.Metrics)
	}
	if min := m.hpa.Spec.MinReplicas; min == nil || int(*min) <= m.pdb.Spec.MinAvailable.IntValue() {
		t.Errorf("HPA minReplicas %v leaves no room for the PDB's minAvailable %v", min, m.pdb.Spec.MinAvailable)
	}
}

// TestProbesAgainstServer builds ualetters and runs it with the
// container's arguments and environment (only the address moved to a free
// loopback port): both probe paths must answer 200.
func TestProbesAgainstServer(t *testing.T) {
	m := load(t)
	c := m.deploy.Spec.Template.Spec.Containers[0]
	bin := filepath.Join(t.TempDir(), "ualetters")
	build := exec.Command("go", "build", "-o", bin, "./cmd/ualetters")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, c.Args...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
	for _, e := range c.Env {
		if e.Name == "UALETTERS_ADDR" {
			e.Value = addr
		}
		cmd.Env = append(cmd.Env, e.Name+"="+e.Value)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	for _, p := range []*corev1.Probe{c.ReadinessProbe, c.LivenessProbe} {
		if code := getWithRetry(t, "http://"+addr+p.HTTPGet.Path); code != http.StatusOK {
			t.Errorf("GET %s: %d", p.HTTPGet.Path, code)
		}
	}
}

func getWithRetry(t *testing.T, url string) int {
	t.Helper()
	var lastErr error
	for i := 0; i < 100; i++ {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			return resp.StatusCode
		}
		lastErr = err
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("GET %s: %v", url, lastErr)
	return 0
}

func containerPort(t *testing.T, c corev1.Container, name string) int32 {
	t.Helper()
	for _, p := range c.Ports {
		if p.Name == name {
			return p.ContainerPort
		}
	}
	t.Fatalf("container has no port named %s", name)
	return 0
}

func env(c corev1.Container, name string) string {
	for _, e := range c.Env {
		if e.Name == name {
			return e.Value
		}
	}
	return ""
}

func subset(sel, labels map[string]string) bool {
	if len(sel) == 0 {
		return false
	}
	for k, v := range sel {
		if labels[k] != v {
			return false
		}
	}
	return true
}
