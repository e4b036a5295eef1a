package main

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	etcdversion "go.etcd.io/etcd/api/v3/version"
	"go.etcd.io/etcd/server/v3/embed"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/rest"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

// A kube-apiserver and its etcd, both in this process, reached as a member of system:masters by a static token.
type cluster struct {
	dir, logPath string
	etcd         *embed.Etcd
	config       *rest.Config
	warnings     *warnings
	version      string
	cancel       context.CancelFunc
}

func etcdVersion() string { return "v" + etcdversion.Version }

// moduleVersion is the version of a module this binary is built from (a plain go build stamps no release into
// Kubernetes' own version variables, so the build's record is the truthful one).
func moduleVersion(path string) string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == path {
				return dep.Version
			}
		}
	}
	return "(unknown version)"
}

// freePort asks the kernel for an unused loopback port: several checks may run at once.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func start() (*cluster, error) {
	dir, err := os.MkdirTemp("", "apiserver-check-")
	if err != nil {
		return nil, err
	}
	c := &cluster{dir: dir, logPath: filepath.Join(dir, "apiserver.log"), warnings: &warnings{}}
	// The apiserver logs through klog to standard error: into the log file, so the report stays readable.
	logFile, err := os.Create(c.logPath)
	if err != nil {
		return nil, err
	}
	os.Stderr = logFile
	if err := c.startEtcd(); err != nil {
		return nil, fmt.Errorf("etcd did not start: %w (log: %s)", err, c.logPath)
	}
	if err := c.startAPIServer(); err != nil {
		c.stop(false)
		return nil, fmt.Errorf("kube-apiserver did not start: %w (log: %s)", err, c.logPath)
	}
	return c, nil
}

func (c *cluster) startEtcd() error {
	client, err := freePort()
	if err != nil {
		return err
	}
	peer, err := freePort()
	if err != nil {
		return err
	}
	cfg := embed.NewConfig()
	cfg.Dir = filepath.Join(c.dir, "etcd")
	cfg.LogLevel = "error"
	cfg.LogOutputs = []string{c.logPath}
	clientURL := url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", client)}
	peerURL := url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", peer)}
	cfg.ListenClientUrls, cfg.AdvertiseClientUrls = []url.URL{clientURL}, []url.URL{clientURL}
	cfg.ListenPeerUrls, cfg.AdvertisePeerUrls = []url.URL{peerURL}, []url.URL{peerURL}
	cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return err
	}
	select {
	case <-e.Server.ReadyNotify():
	case <-time.After(60 * time.Second):
		e.Close()
		return fmt.Errorf("not ready within 60 s")
	}
	c.etcd = e
	return nil
}

func (c *cluster) startAPIServer() error {
	port, err := freePort()
	if err != nil {
		return err
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return err
	}
	public, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return err
	}
	keyFile, pubFile, tokenFile := filepath.Join(c.dir, "sa.key"), filepath.Join(c.dir, "sa.pub"), filepath.Join(c.dir, "tokens.csv")
	token := make([]byte, 16)
	if _, err := rand.Read(token); err != nil {
		return err
	}
	secret := hex.EncodeToString(token)
	for file, data := range map[string][]byte{
		keyFile:   pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}),
		pubFile:   pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: public}),
		tokenFile: []byte(secret + ",admin,admin,system:masters\n"),
	} {
		if err := os.WriteFile(file, data, 0o600); err != nil {
			return err
		}
	}
	command := app.NewAPIServerCommand()
	command.SetArgs([]string{
		"--etcd-servers=http://" + c.etcd.Clients[0].Addr().String(),
		"--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", fmt.Sprintf("--secure-port=%d", port),
		"--cert-dir=" + filepath.Join(c.dir, "certs"),
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--service-account-key-file=" + pubFile, "--service-account-signing-key-file=" + keyFile,
		"--token-auth-file=" + tokenFile, "--authorization-mode=RBAC", "--service-cluster-ip-range=10.96.0.0/16",
		// No endpoints of the apiserver itself to keep: that reconciler refuses a loopback address.
		"--endpoint-reconciler-type=none",
	})
	command.SetOut(os.Stderr)
	command.SetErr(os.Stderr)
	failed := make(chan error, 1)
	go func() { failed <- command.Execute() }()
	c.config = &rest.Config{Host: fmt.Sprintf("https://127.0.0.1:%d", port), BearerToken: secret,
		TLSClientConfig: rest.TLSClientConfig{Insecure: true}, WarningHandler: c.warnings, QPS: 200, Burst: 400}
	deadline := time.Now().Add(120 * time.Second)
	client, err := discovery.NewDiscoveryClientForConfig(c.config)
	if err != nil {
		return err
	}
	for {
		select {
		case err := <-failed:
			return fmt.Errorf("it stopped: %v", err)
		default:
		}
		body, err := client.RESTClient().Get().AbsPath("/readyz").DoRaw(context.Background())
		if err == nil && string(body) == "ok" {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("not ready within 120 s: %v", err)
		}
		time.Sleep(500 * time.Millisecond)
	}
	if _, err := client.ServerVersion(); err != nil {
		return err
	}
	c.version = moduleVersion("k8s.io/kubernetes")
	return nil
}

func (c *cluster) dynamic() (dynamic.Interface, error) {
	return dynamic.NewForConfig(c.config)
}

// stop closes etcd (the apiserver goes with the process) and, when asked, removes the scratch directory.
func (c *cluster) stop(remove bool) {
	if c.etcd != nil {
		c.etcd.Close()
	}
	if remove {
		os.RemoveAll(c.dir)
	}
}
