// Command followup follows up after job interviews: see README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/followupd/followup/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.New(os.Stdin, os.Stdout, os.Stderr).Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
