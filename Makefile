# Thin wrapper over CMake: make run | make test | make build | make package | make golden | make leaks | make bench | make fuzz
# (| make fuzz-capture | make fuzz-edit)
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
# Deferred (=, not :=) so that it is decided after `deps` has installed ninja.
GENERATOR   = $(if $(shell command -v ninja 2>/dev/null),-G Ninja,)
CMAKE_ARGS ?=

.PHONY: deps build run test package golden leaks fuzz-smoke fuzz-build bench fuzz fuzz-capture fuzz-edit clean

deps:
	@./third_party/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/sim/handshake-lab $(ARGS)

# -noreset: Xvfb otherwise resets whenever its last client leaves, and a window opened during that
# reset fails with "Failed to open display" (between two GUI tests, or two windows of one test).
XVFB := xvfb-run -a -s "-screen 0 1600x1000x24 -noreset"

# Unit, CLI and GUI tests; a minute and a half of fuzzing (decoder, what-if edits); then every non-GUI test again under ASan+UBSan
# (last, so the run ends on ctest's summary).
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -LE gui
	cd $(BUILD) && $(XVFB) ctest --output-on-failure -L gui
	$(MAKE) fuzz-smoke
	cmake -S . -B $(ASAN_BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=Debug -DHL_SANITIZE=ON -DHL_BUILD_BENCH=OFF
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS) -LE gui

# The .deb for lab PCs: $(BUILD)/handshake-lab_<version>_<arch>.deb (README: "Installing on a room of PCs").
package: build
	cd $(BUILD) && cpack -G DEB

# Rewrites tests/data/golden/<lesson>.json (seeded JSON traces) from the current build; review
# the diff and commit it with the change that caused it.
golden: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target handshake-lab test_cli_golden
	HL_UPDATE_GOLDEN=1 ./$(BUILD)/tests/test_cli_golden

# 1,000 seeded and 1,000 unseeded runs: resident memory after run 1,000 within 5 % of run 100
# (release build), then the same runs under LeakSanitizer (ASan build): no leak.
leaks: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target leak_runs
	./$(BUILD)/tests/leak_runs
	cmake -S . -B $(ASAN_BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=Debug -DHL_SANITIZE=ON -DHL_BUILD_BENCH=OFF
	cmake --build $(ASAN_BUILD) -j $(JOBS) --target leak_runs
	ASAN_OPTIONS=detect_leaks=1 ./$(ASAN_BUILD)/tests/leak_runs --no-memory-check

bench: build
	./$(BUILD)/tests/handshake-lab-bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true $(ARGS)

# libFuzzer with ASan+UBSan (clang 14); every object gets coverage instrumentation.
# New inputs go to $(FUZZ_BUILD)/corpus; tests/data/corpus is the read-only seed.
FUZZ_TIME ?= 600
FUZZ_RUN   = ./$(FUZZ_BUILD)/tests/fuzz_decode -rss_limit_mb=4096 $(FUZZ_BUILD)/corpus tests/data/corpus
# Capture import (reader, DSB walker, reassembly); tests/data/capture-corpus is its seed.
FUZZ_CAPTURE_RUN = ./$(FUZZ_BUILD)/tests/fuzz_capture -rss_limit_mb=4096 -max_len=65536 $(FUZZ_BUILD)/capture-corpus tests/data/capture-corpus
# What-if edits (a field of a record's tree, a value, the lengths fixed up or not); seeded with the decoder's records.
FUZZ_EDIT_RUN = ./$(FUZZ_BUILD)/tests/fuzz_edit -rss_limit_mb=4096 $(FUZZ_BUILD)/edit-corpus tests/data/corpus

fuzz-build:
	CC=clang-14 CXX=clang++-14 cmake -S . -B $(FUZZ_BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DHL_FUZZ=ON -DHL_SANITIZE=ON -DHL_BUILD_APP=OFF -DHL_BUILD_BENCH=OFF -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_decode fuzz_capture fuzz_edit
	mkdir -p $(FUZZ_BUILD)/corpus $(FUZZ_BUILD)/capture-corpus $(FUZZ_BUILD)/edit-corpus

fuzz: fuzz-build
	$(FUZZ_RUN) -max_total_time=$(FUZZ_TIME) $(ARGS)

fuzz-capture: fuzz-build
	$(FUZZ_CAPTURE_RUN) -max_total_time=$(FUZZ_TIME) $(ARGS)

fuzz-edit: fuzz-build
	$(FUZZ_EDIT_RUN) -max_total_time=$(FUZZ_TIME) $(ARGS)

fuzz-smoke: fuzz-build
	$(FUZZ_RUN) -max_total_time=60
	$(FUZZ_EDIT_RUN) -max_total_time=30
	$(FUZZ_CAPTURE_RUN) -max_total_time=20

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
