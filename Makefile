# The two commands a newcomer needs: `make run` and `make test`. Both install what is missing
# (Debian packages, npm modules), build, and then run. Everything else is optional.
SHELL := /bin/bash
BUILD_DIR ?= build/release
JOBS ?= 2
PORT ?= 8080
DATA_DIR ?= ./data

.PHONY: run test deps build frontend bench bench-scale fuzz lighthouse clean images

run: deps build frontend
	$(BUILD_DIR)/store-service serve --port $(PORT) --data-dir $(DATA_DIR) --static-dir frontend/dist

test: deps build frontend
	bash scripts/test-all.sh

deps:
	bash scripts/install-deps.sh
	bash tools/openapi-lint/run.sh --install

build:
	cmake --preset release -DSTORE_BUILD_FUZZ=OFF > /dev/null
	cmake --build $(BUILD_DIR) -j $(JOBS)

frontend:
	bash scripts/build-frontend.sh

bench: deps build frontend
	bash bench/run.sh

# The database path at a chain's scale, caches off (docs/performance.md "At chain scale"):
# 1M stores, 10M audit entries, 2M stock items in PostgreSQL, 100k/1M/200k in SQLite.
# SCALE=0.1 for a quick run at a tenth of the size. Not part of `make test` (a benchmark).
bench-scale: deps build
	bash bench/scale/run.sh

fuzz: deps
	FUZZ_SECONDS=$${FUZZ_SECONDS:-300} bash fuzz/run.sh

# Both container images with buildah (root; FULL=1 compiles the service inside the image).
images: deps build frontend
	bash deploy/images/build.sh

lighthouse: deps build frontend
	bash bench/lighthouse.sh

clean:
	rm -rf build frontend/dist
