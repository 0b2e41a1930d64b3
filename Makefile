# Thin wrapper over CMake: make run | make test | make build | make bench | make fuzz
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
GENERATOR  := $(if $(shell command -v ninja 2>/dev/null),-G Ninja,)
CMAKE_ARGS ?=

.PHONY: deps build run test unit-test asan-test gui-test fuzz-smoke bench fuzz clean

deps:
	@./third_party/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/sim/handshake-lab $(ARGS)

XVFB := xvfb-run -a -s "-screen 0 1600x1000x24"

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -LE gui
	cd $(BUILD) && $(XVFB) ctest --output-on-failure -L gui
	cmake -S . -B $(ASAN_BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=Debug -DHL_SANITIZE=ON -DHL_BUILD_BENCH=OFF
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS) -LE gui

bench: build
	./$(BUILD)/tests/handshake-lab-bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true $(ARGS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
