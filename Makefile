.PHONY: build test check race fuzz bench bench-full
build:
	go build -o followup ./cmd/followup
test:
	./scripts/test.sh
check:
	gofmt -l . && go vet ./... && staticcheck ./...
race:
	go test -race -shuffle=on ./...
# fuzz runs every fuzz target of the repository, found by go test -list, for FUZZTIME each:
# make fuzz FUZZTIME=5s FUZZPKGS=./invite FUZZFLAGS=-parallel=1 narrows it.
FUZZTIME ?= 10s
FUZZPKGS ?= ./...
FUZZFLAGS ?=
fuzz:
	FUZZTIME=$(FUZZTIME) FUZZFLAGS="$(FUZZFLAGS)" scripts/fuzz.sh $(FUZZPKGS)
bench:
	./scripts/bench.sh
bench-full:
	./scripts/bench.sh --full
