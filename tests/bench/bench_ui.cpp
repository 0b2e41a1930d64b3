// BM_UiFrame: one full frame of the window (1600x1000, mid-handshake step) beside
// BM_ImGuiDemoFrame: ImGui::ShowDemoWindow in the same process and window. Both build the
// frame, render it with OpenGL and wait for the GPU (glFinish), so they compare like for like.
// BM_CompareFrame: the same window in the compare view (TLS 1.3 beside TLS 1.2, a third of the
// way down its rows), whose frame must stay within the demo window's too (issue 11 §9).
// BM_OpenCapture (issue 12 §6, "the window opens that capture and shows its first connection
// within 1 s"): File > Open of a capture of 1,000 TLS 1.3 connections, up to the frame that
// draws its first connection's ladder. HL_BENCH_CAPTURE=FILE times a capture of your own (the
// loopback one tests/tools/capture_speed.sh makes); without it, 1,000 synthetic connections
// of one seeded run (each its own client port, the key log in a DSB) are written to a temp file.
// Needs a display: run under xvfb-run; without one they report an error and skip.
#include <benchmark/benchmark.h>

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "app/ui/app.hpp"
#include "app/ui/platform.hpp"
#include "core/engine/engine.hpp"
#include "core/export/pcapng_writer.hpp"

namespace {

using hl::app::ui::App;
using hl::app::ui::Platform;

// One hidden window and one App for the whole process: ImGui has one context.
struct UiFixture {
  std::unique_ptr<Platform> platform;
  std::unique_ptr<App> app;
  std::string error;

  UiFixture() {
    platform = Platform::open({1600, 1000, false, "bench"}, error);
    if (!platform) return;
    hl::app::ui::AppOptions options;
    options.persist_settings = false;
    options.persist_progress = false;  // a benchmark must not touch the user's lesson progress
    options.scenario.seed = 1;
    app = std::make_unique<App>(options);
    app->wait_for_run();
    // Mid-handshake: the Certificate record, whose tree and hex are the largest.
    auto& session = app->session();
    session.jump_to_position(session.cursor().size() / 3);
    for (int i = 0; i < 3; ++i) app_frame();  // let ImGui size its windows first
  }

  void app_frame() {
    platform->new_frame(*app);
    app->frame();
    platform->render();
    glFinish();
  }

  void demo_frame(bool full_window) {
    platform->new_frame();
    ImGui::ShowDemoWindow();
    if (full_window) {
      ImGui::SetWindowPos("Dear ImGui Demo", ImVec2(0, 0));
      ImGui::SetWindowSize("Dear ImGui Demo", ImGui::GetMainViewport()->Size);
    }
    platform->render();
    glFinish();
  }
};

UiFixture& fixture() {
  static UiFixture instance;
  return instance;
}

void BM_UiFrame(benchmark::State& state) {
  UiFixture& ui = fixture();
  if (!ui.platform) return state.SkipWithError(ui.error.c_str());
  for (auto _ : state) ui.app_frame();
  state.counters["vertices"] = ImGui::GetDrawData()->TotalVtxCount;  // how much the rasteriser gets
}
BENCHMARK(BM_UiFrame)->Unit(benchmark::kMillisecond);

void BM_CompareFrame(benchmark::State& state) {
  UiFixture& ui = fixture();
  if (!ui.platform) return state.SkipWithError(ui.error.c_str());
  std::string error;
  if (!ui.app->compare_with({{"version", "1.2"}}, error)) return state.SkipWithError(error.c_str());
  ui.app->wait_for_run();
  const hl::app::Comparison& compare = ui.app->comparison();
  if (!compare.active()) return state.SkipWithError("the comparison did not open");
  ui.app->perform(hl::app::Action::first_step);
  for (std::size_t i = 0; i < compare.cursor().size() / 3; ++i) ui.app->perform(hl::app::Action::next_step);
  for (int i = 0; i < 3; ++i) ui.app_frame();  // let ImGui size the new panes first
  for (auto _ : state) ui.app_frame();
  state.counters["vertices"] = ImGui::GetDrawData()->TotalVtxCount;
  state.counters["rows"] = static_cast<double>(compare.cursor().size());
  ui.app->close_compare();  // the benchmarks after this one see the single run again
  for (int i = 0; i < 3; ++i) ui.app_frame();
}
BENCHMARK(BM_CompareFrame)->Unit(benchmark::kMillisecond);

void BM_ImGuiDemoFrame(benchmark::State& state) {
  UiFixture& ui = fixture();
  if (!ui.platform) return state.SkipWithError(ui.error.c_str());
  for (auto _ : state) ui.demo_frame(false);
  state.counters["vertices"] = ImGui::GetDrawData()->TotalVtxCount;
}
BENCHMARK(BM_ImGuiDemoFrame)->Unit(benchmark::kMillisecond);

// The demo window stretched over the same 1600x1000 the app fills: the same pixels to paint.
void BM_ImGuiDemoFrameFullWindow(benchmark::State& state) {
  UiFixture& ui = fixture();
  if (!ui.platform) return state.SkipWithError(ui.error.c_str());
  for (auto _ : state) ui.demo_frame(true);
  state.counters["vertices"] = ImGui::GetDrawData()->TotalVtxCount;
}
BENCHMARK(BM_ImGuiDemoFrameFullWindow)->Unit(benchmark::kMillisecond);

// A pcapng of 1,000 TLS 1.3 connections: one seeded run repeated on 1,000 client ports.
std::string thousand_connection_capture() {
  if (const char* given = std::getenv("HL_BENCH_CAPTURE"); given != nullptr && given[0] != '\0') return given;
  hl::Scenario scenario;
  scenario.seed = 1;
  const hl::Transcript run = hl::run_scenario(scenario);
  std::vector<hl::Frame> frames;
  constexpr int kConnections = 1000;
  for (int i = 0; i < kConnections; ++i) {
    hl::TcpSynthOptions options;
    options.client_port = static_cast<std::uint16_t>(20000 + i);
    options.start_micros = 1'790'000'000'000'000LL + i * 100'000LL;
    std::vector<hl::Frame> connection = hl::synthesize_tcp(run, options);
    frames.insert(frames.end(), connection.begin(), connection.end());
  }
  const hl::Bytes file = hl::pcapng_file(frames, {"bench: 1,000 connections", run.keylog});
  const std::string path = (std::filesystem::temp_directory_path() / ("hl-bench-1000-" + std::to_string(::getpid()) + ".pcapng")).string();
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(file.data()), static_cast<std::streamsize>(file.size()));
  return path;
}

void BM_OpenCapture(benchmark::State& state) {
  UiFixture& ui = fixture();
  if (!ui.platform) return state.SkipWithError(ui.error.c_str());
  static const std::string path = thousand_connection_capture();
  for (auto _ : state) {
    if (!ui.app->open_capture(path)) return state.SkipWithError(ui.app->file_error().c_str());
    ui.app_frame();  // the frame that puts the first connection's ladder on screen
  }
  state.counters["connections"] = static_cast<double>(ui.app->capture()->tls.size());
}
BENCHMARK(BM_OpenCapture)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
