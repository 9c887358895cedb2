// Package kubernetes holds the manifests that run ualetters on Kubernetes
// (kubectl apply -k deploy/kubernetes) and the test that decodes each of
// them strictly against the Kubernetes API types and checks its probes
// and ports against the real server. It lives in its own Go module so
// that the service's go.mod does not carry k8s.io/api.
package kubernetes
