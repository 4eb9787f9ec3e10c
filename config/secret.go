package config

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// ErrNoPassword means no password source was configured and no systemd credential was found.
var ErrNoPassword = errors.New("no password configured")

// Password returns the server's password from the one source configured: password_file,
// password_command, password_credential (a systemd credential in $CREDENTIALS_DIRECTORY) or
// password. With none, it falls back to the credential named after the section ("imap",
// "smtp"), so that `LoadCredential=imap:/etc/followup/imap` alone is enough.
func (s Server) PasswordFor(ctx context.Context, section string) (string, error) {
	switch {
	case s.PasswordFile != "":
		return readSecretFile(s.PasswordFile)
	case s.PasswordCommand != "":
		return runSecretCommand(ctx, s.PasswordCommand)
	case s.PasswordCredential != "":
		return readCredential(s.PasswordCredential)
	case s.Password != "":
		return s.Password, nil
	}
	if dir := os.Getenv("CREDENTIALS_DIRECTORY"); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, section)); err == nil {
			return readCredential(section)
		}
	}
	return "", fmt.Errorf("%s: %w (set password_file, password_command or password_credential)", section, ErrNoPassword)
}

func readCredential(name string) (string, error) {
	dir := os.Getenv("CREDENTIALS_DIRECTORY")
	if dir == "" {
		return "", fmt.Errorf("credential %q: $CREDENTIALS_DIRECTORY is not set (is LoadCredential= in the unit?)", name)
	}
	return readSecretFile(filepath.Join(dir, name))
}

func readSecretFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("password file: %w", err)
	}
	pw := strings.TrimRight(string(b), "\r\n")
	if pw == "" {
		return "", fmt.Errorf("password file %s is empty", path)
	}
	return pw, nil
}

// runSecretCommand runs a command through sh and takes the first line it prints. Its
// stderr is kept out of the error text only in part: a command's complaint helps, a
// password printed there would not, so only the exit status is reported.
func runSecretCommand(ctx context.Context, command string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", command)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("password command %q: %w", command, err)
	}
	line, _, _ := strings.Cut(out.String(), "\n")
	line = strings.TrimRight(line, "\r")
	if line == "" {
		return "", fmt.Errorf("password command %q printed nothing", command)
	}
	return line, nil
}

// OAuth2Token runs smtp.oauth2_token_command and returns the access token it prints.
func (s SMTP) OAuth2Token(ctx context.Context) (string, error) {
	return runSecretCommand(ctx, s.OAuth2TokenCommand)
}

// TLSConfig verifies the server's certificate against the system's roots plus ca_file.
func (s Server) TLSConfig() (*tls.Config, error) {
	conf := &tls.Config{ServerName: s.Host, MinVersion: tls.VersionTLS12}
	if s.CAFile == "" {
		return conf, nil
	}
	pem, err := os.ReadFile(s.CAFile)
	if err != nil {
		return nil, fmt.Errorf("ca_file: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("ca_file %s: no PEM certificate in it", s.CAFile)
	}
	conf.RootCAs = pool
	return conf, nil
}
