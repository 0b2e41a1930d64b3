// `make leaks`: 1,000 seeded and 1,000 unseeded scenario runs over every lesson, printing the
// resident memory after run 100 and after the last run. Exit 1 when the last is more than
// 5 % above run 100 (memory that grows with runs). Under LeakSanitizer (the ASan build)
// the process also fails at exit on any leak; pass --no-memory-check there, since ASan's
// quarantine makes resident memory grow by design.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "core/engine/engine.hpp"
#include "core/lessons/loader.hpp"

namespace {

constexpr int kRuns = 1000;
constexpr int kBaselineRun = 100;
constexpr double kAllowedGrowth = 0.05;

// Resident set size in KiB, from /proc/self/statm (second field, in pages).
long resident_kib() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

struct Figures {
  long at_baseline = 0;
  long at_end = 0;
  int failed = 0;  // runs that did not complete their handshake where the lesson expects one
};

// Runs `kRuns` scenarios, cycling through the lessons; seeded runs use seed = run number.
Figures run_many(const std::vector<hl::Lesson>& lessons, bool seeded) {
  Figures figures;
  for (int run = 1; run <= kRuns; ++run) {
    const hl::Lesson& lesson = lessons[static_cast<std::size_t>(run) % lessons.size()];
    hl::Scenario scenario = lesson.scenario;
    if (seeded) scenario.seed = static_cast<std::uint64_t>(run);
    const hl::Transcript transcript = hl::run_scenario(scenario);
    if (!transcript.failure.empty()) ++figures.failed;
    if (run == kBaselineRun) figures.at_baseline = resident_kib();
  }
  figures.at_end = resident_kib();
  return figures;
}

bool report(const char* what, const Figures& figures, bool check_memory) {
  const double growth = static_cast<double>(figures.at_end - figures.at_baseline) / static_cast<double>(figures.at_baseline);
  std::printf("%-9s runs: resident %ld KiB after run %d, %ld KiB after run %d (%+.2f %%), %d failed runs\n", what,
              figures.at_baseline, kBaselineRun, figures.at_end, kRuns, growth * 100, figures.failed);
  const bool memory_ok = !check_memory || growth <= kAllowedGrowth;
  if (!memory_ok) std::printf("FAIL: resident memory grew more than %.0f %% between run %d and run %d\n", kAllowedGrowth * 100, kBaselineRun, kRuns);
  if (figures.failed) std::printf("FAIL: %d runs failed\n", figures.failed);
  return memory_ok && figures.failed == 0;
}

}  // namespace

int main(int argc, char** argv) {
  const bool check_memory = !(argc > 1 && std::strcmp(argv[1], "--no-memory-check") == 0);
  const hl::LessonLibrary library = hl::load_lesson_library(hl::find_lessons_dir());
  if (library.lessons.empty()) {
    std::fprintf(stderr, "leak_runs: no lessons found\n");
    return 1;
  }
  const bool seeded_ok = report("seeded", run_many(library.lessons, true), check_memory);
  const bool unseeded_ok = report("unseeded", run_many(library.lessons, false), check_memory);
  return seeded_ok && unseeded_ok ? 0 : 1;
}
