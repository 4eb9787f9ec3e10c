.PHONY: build test check race fuzz bench bench-full
build:
	go build -o followup ./cmd/followup
test:
	./scripts/test.sh
check:
	gofmt -l . && go vet ./... && staticcheck ./...
race:
	go test -race -shuffle=on ./...
fuzz:
	go test -run XXX -fuzz FuzzParse -fuzztime 30s ./config
bench:
	./scripts/bench.sh
bench-full:
	./scripts/bench.sh --full
